"""Follow-through of rakor decisions: what travels after a meeting.

- `records`: the reads (a meeting's minutes, one agency's open actions), scope applied;
- `minutes`: the notulen as PDF (fpdf2) and DOCX (python-docx);
- `letters`: the reminder letter (surat pengingat tindak lanjut) per owner agency, as PDF;
- `digest` and `mail`: the daily e-mail digest per agency (`python -m pora_dash remind`).

Nothing here counts people: minutes and letters carry meetings, agencies and decisions only.
"""
