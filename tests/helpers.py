"""Helpers the test modules share: waiting for something that happens in another thread or process, local ports,
browser tabs, and copies of a data folder to edit. Fixtures built on them live in the conftest.py files."""

import contextlib
import shutil
import socket
import time


def wait_until(condition, timeout=20, message="condition", interval=0.1):
    """Call condition until it returns something true, and return that; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def browser_tab(browser, *, timeout=None, **context_options):
    """A tab in a fresh browser context (Dutch unless told otherwise), closed afterwards."""
    context = browser.new_context(**{"locale": "nl-NL", **context_options})
    try:
        tab = context.new_page()
        if timeout is not None:
            tab.set_default_timeout(timeout)
        yield tab
    finally:
        context.close()


def copy_data_dir(source, tmp_path):
    """A copy of a data folder (content/data, routes/data) that a test may change."""
    copy = tmp_path / "data"
    shutil.copytree(source, copy)
    return copy


def edit(data_dir, name, old, new, count=1):
    """Replace old by new in the data file name: it must occur exactly count times (at least once if count is None)."""
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    found = text.count(old)
    assert (found == count) if count is not None else found > 0, (name, old, found)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def editors_group(name="Redactie"):
    """A group as Wagtail's usual editors: the admin, and adding, changing and publishing pages anywhere."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission, Page

    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    return group
