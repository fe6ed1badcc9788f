"""python -m leninletters.build"""

from leninletters.build.letters import main

if __name__ == "__main__":
    raise SystemExit(main())
