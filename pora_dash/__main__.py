from pora_dash.cli import main

raise SystemExit(main())
