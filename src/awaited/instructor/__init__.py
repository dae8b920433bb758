"""Instructor mode: hand out an assignment, grade a class of submissions, flag tampering.

Grading reuses the one grading core (`awaited.checking.run_check`); this package only finds
the submissions, copies the learner-owned files out of them, compares the rest with the
pristine course and writes the reports.
"""
