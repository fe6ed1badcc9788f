"""python -m leninletters"""

from leninletters.launch import main

if __name__ == "__main__":
    main()
