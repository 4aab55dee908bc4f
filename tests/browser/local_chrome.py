"""A headless Chromium for the page-script tests, started from the system's own binaries.

Nothing is downloaded: the browser and its driver are the installed ones (``/usr/bin``, or
``POLICYBRIEF_CHROMIUM`` / ``POLICYBRIEF_CHROMEDRIVER``), and Selenium Manager is told to
stay offline. Without them the tests are skipped, unless ``POLICYBRIEF_REQUIRE_BROWSER=1``
asks for a failure instead (as CI does where the browser is installed).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pagecheck import CHROMIUM_FLAGS

# The flags every browser test starts Chromium with (pagecheck.py), at a desktop's size.
FLAGS = (*CHROMIUM_FLAGS, "--window-size=1200,1000")


def _found(variable: str, default: str) -> str | None:
    path = os.environ.get(variable) or default
    return path if Path(path).is_file() else shutil.which(Path(path).name)


def _missing(reason: str) -> None:
    if os.environ.get("POLICYBRIEF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"POLICYBRIEF_REQUIRE_BROWSER=1, but {reason}")
    pytest.skip(reason)


@contextmanager
def _chrome(profile: Path) -> Iterator[Any]:
    """A fresh headless Chromium with its own profile in *profile*; quit afterwards."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    binary = _found("POLICYBRIEF_CHROMIUM", "/usr/bin/chromium")
    driver_path = _found("POLICYBRIEF_CHROMEDRIVER", "/usr/bin/chromedriver")
    if binary is None or driver_path is None:
        _missing("no chromium and chromedriver installed")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager: never fetch a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(binary)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=str(driver_path)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def page_url(path: Path, fragment: str = "") -> str:
    """The file:// address of a built page, with *fragment* as written (not encoded)."""
    return path.resolve().as_uri() + fragment
