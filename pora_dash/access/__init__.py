"""Who may see and do what: permissions, scope, users and passwords, web sessions, audit."""
