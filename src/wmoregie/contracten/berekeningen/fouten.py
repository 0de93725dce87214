"""Errors of the calculation core: a stable machine code plus a Dutch message for people."""


class BerekeningFout(ValueError):
    """Input a calculation cannot use (negative amount, a key that sums to zero, …).

    ``code`` is a stable kebab-case slug (for forms, APIs and tests); the message is Dutch and
    is meant to be shown as it is.
    """

    def __init__(self, code: str, melding: str) -> None:
        super().__init__(melding)
        self.code = code
        self.melding = melding
