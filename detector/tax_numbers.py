"""US taxpayer numbers that can never be issued (python-stdnum's rules).

Test data is full of them: the IRS's own test returns use SSN layouts with group ``00``
(``123-00-1234``, ``400-00-1039``) and EINs with the never-assigned prefix ``00``
(``00-1234567``). Under a tax key they are test values, not anybody's tax number (the sets'
conventions make a number that fails its type's rule a negative). Other countries' formats are
left to the key and shape gates: the training generator writes tax numbers whose checks do not
hold, so a check there would measure the generator, not the data.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum.us import itin, ssn

#: A US SSN or ITIN written with dashes (a TIN field holds either).
_SSN_LAYOUT = re.compile(r"^\d{3}-\d{2}-\d{4}$")
#: A US EIN with the prefix ``00``, which the IRS never assigns.
_EIN_NEVER = re.compile(r"^00-\d{7}$")


@lru_cache(maxsize=65_536)
def never_issued_tin(text: str) -> bool:
    """Whether ``text`` is a US taxpayer number that cannot be issued: an SSN layout that is
    neither a valid SSN nor an ITIN (``123-00-1234``), or an EIN with prefix ``00``."""
    if _EIN_NEVER.match(text):
        return True
    return bool(_SSN_LAYOUT.match(text)) and not (ssn.is_valid(text) or itin.is_valid(text))
