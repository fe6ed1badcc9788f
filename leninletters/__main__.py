"""python -m leninletters"""

from leninletters.cli import main

if __name__ == "__main__":
    main()
