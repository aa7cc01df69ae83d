"""The read gate: who may see which part of a candidate's file, and the handle every reader
of candidate data takes (`open_file` → `CandidateFile.require(area)`)."""

from app.access.file import CandidateFile, log_list_read, open_file
from app.access.policies import FileArea, can_change

__all__ = ["CandidateFile", "FileArea", "can_change", "log_list_read", "open_file"]
