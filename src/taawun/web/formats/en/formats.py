"""English: the month's name, as in "Dec. 3, 2026, 19:48"."""

DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATE_FORMAT = "N j, Y"
SHORT_DATETIME_FORMAT = "N j, Y, H:i"
TIME_FORMAT = "H:i"
