"""Privacy in one place: personal-data checks on free text, the register of personal data, erasure
and access, names kept out of shared documents, and the housekeeping that deletes on time."""
