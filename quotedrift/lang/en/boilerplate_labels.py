"""Lines that are page furniture wherever they stand ("Advertisement", "Read more").

Written by hand from news web pages. Section labels in capitals ("LATEST EDITION") are not
listed: ``read/boilerplate.py`` takes any short line in capitals for one.
"""

from __future__ import annotations

BOILERPLATE_LABELS = frozenset(
    s.casefold()
    for s in (
        "advertisement",
        "advertisements",
        "ad",
        "sponsored",
        "sponsored content",
        "promoted",
        "skip to content",
        "skip to main content",
        "menu",
        "search",
        "subscribe",
        "sign in",
        "log in",
        "sign up",
        "newsletter",
        "read more",
        "load more",
        "more stories",
        "related",
        "related stories",
        "related articles",
        "recommended",
        "trending",
        "most read",
        "most popular",
        "share",
        "share this",
        "share this story",
        "share this article",
        "comments",
        "breaking news",
        "top stories",
        "follow us",
        "back to top",
        "print",
        "email",
    )
)
