"""Loading the workshop schedule from a CSV or XLSX file.

Every row is checked first; only a file without a single bad row is written, in one
transaction, so a coordinator never ends up with half a schedule.

The input is bounded before it costs anything: the upload's size, the number of rows (read
lazily, row by row, stopping at the limit) and, for XLSX, what its ZIP archive declares it would
unpack to (read from the central directory before the spreadsheet is opened). Checking a file
takes the same few queries whatever its length: courses, venues, trainers, existing workshops and
their seats are each looked up once for the whole file, and the models' check constraints are
evaluated in Python. A file of more rows than `conf.import_inline_max_rows()` is handed to a
background task (a ScheduleImport) whose progress the coordinator watches in the admin."""

from .constraints import constraint_errors
from .files import COLUMNS, read_rows, upload_size_check
from .jobs import schedule_import_run, schedule_import_submit
from .rows import ImportReport, RowResult, schedule_import

__all__ = [
    "COLUMNS",
    "ImportReport",
    "RowResult",
    "constraint_errors",
    "read_rows",
    "schedule_import",
    "schedule_import_run",
    "schedule_import_submit",
    "upload_size_check",
]
