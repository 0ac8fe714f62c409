"""Arabic: the day, the month's name and the year, as in "3 ديسمبر، 2026، 19:48"."""

DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATE_FORMAT = "j F، Y"
SHORT_DATETIME_FORMAT = "j F، Y، H:i"
TIME_FORMAT = "H:i"
