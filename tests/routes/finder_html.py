"""Reading the route finder's result page in tests."""

import re


def fitting_routes_html(html):
    """The HTML of the list of fitting routes (<ol class="finder-result__routes">), up to its own closing tag: the
    route cards hold lists of their own (a route's steps), so the first </ol> is not the end."""
    start = html.find('class="finder-result__routes"')
    if start == -1:
        return ""
    depth = 1
    for tag in re.finditer(r"<(/?)ol\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start : start + tag.start()]
    raise AssertionError("the list of fitting routes is not closed")
