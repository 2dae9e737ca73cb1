"""What a new password must be: long enough, not a common one, not the user name (NCSC / NIST 800-63B:
length and a check against known passwords, no composition rules)."""
from __future__ import annotations

MIN_LENGTH = 10
MAX_LENGTH = 200  # scrypt on a megabyte of "password" is work nobody should be able to ask for

# Passwords found at the top of every leaked list, and the Dutch ones (wachtwoord, welkom, ...), lower case;
# a password is refused when it is one of these, or one of these followed by digits and punctuation.
COMMON = frozenset("""
123456 123456789 12345678 1234567890 password qwerty 111111 123123 abc123 1234567 password1 12345
iloveyou 000000 qwerty123 1q2w3e4r 123321 654321 666666 7777777 121212 112233 123qwe 1qaz2wsx
qwertyuiop asdfghjkl zxcvbnm dragon monkey letmein football baseball welcome admin administrator
sunshine princess master shadow superman michael jennifer hunter trustno1 starwars passw0rd
p@ssw0rd p@ssword changeme secret login default guest test test123 summer winter spring autumn
wachtwoord welkom welkom01 welkom123 geheim hallo hallo123 voorjaar zomer najaar herfst
amsterdam rotterdam denhaag utrecht nederland holland ajax feyenoord psv oranje
kamertracker tweedekamer eerstekamer ministerie rijksoverheid minister griffie
""".split())
_TRAILING = "0123456789!@#$%^&*()-_=+.?,;:'\" "


def password_problem(password: str, username: str | None = None) -> str | None:
    """Why this password will not do, in Dutch; None when it will."""
    if len(password) < MIN_LENGTH:
        return f"Het wachtwoord moet minstens {MIN_LENGTH} tekens hebben."
    if len(password) > MAX_LENGTH:
        return f"Het wachtwoord mag hoogstens {MAX_LENGTH} tekens hebben."
    lowered = password.lower()
    core = lowered.rstrip(_TRAILING) or lowered
    if lowered in COMMON or core in COMMON:
        return "Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden; kies een ander."
    if len(set(lowered)) <= 2:
        return "Dit wachtwoord is te eenvoudig; kies een ander."
    if username and username.strip().lower() in lowered:
        return "Het wachtwoord mag de gebruikersnaam niet bevatten."
    return None
