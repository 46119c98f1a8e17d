"""Command-line subcommands: each module registers its own parsers and handlers."""
