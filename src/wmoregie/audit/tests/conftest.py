# The client administration's test region, for the privacy officer's tests.
from wmoregie.clienten.tests.conftest import wereld  # noqa: F401
