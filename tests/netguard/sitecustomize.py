"""Loaded by every Python the tests start: installs the network guard."""

import netguard

netguard.install()
