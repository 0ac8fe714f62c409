"""Date and time formats as the office reads them, over Django's own for each language.

Django's Arabic short formats put the month first ("12/02/2026" for 2 December), which an Arabic
reader takes for 12 February; its English ones are American. Every date here is written with the
month's name, and times on the 24-hour clock, so no reader has to guess. The long date formats are
Django's ("3 ديسمبر، 2026", "Dec. 3, 2026"): already unambiguous, and kept.
"""
