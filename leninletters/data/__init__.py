"""The bundled edition: installed as the package ``leninletters.data`` (see pyproject.toml)."""
