"""python -m leninletters"""

from leninletters.cli.launch import main

if __name__ == "__main__":
    main()
