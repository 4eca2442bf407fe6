"""Where the data lives: engine and sessions, the schema, migrations, bootstrap, backup."""
