"""The API keeps its OpenAPI promise: schemathesis generates requests from the schema and sends them to the running
app (live_server, demo data loaded), checking every response's status, content type and body against the schema.
Bounded: a fixed number of examples per operation and a timeout per request; no deadline flakiness on a shared CI
machine.

The schema is the one /api/openapi.json serves (the test below checks that), built in-process at collection time:
schemathesis' fixture-based loader does not work with this pytest version, and building the document needs no
database.
"""

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsclaims.api import api

EXAMPLES_PER_OPERATION = 30
OPERATIONS = 11
REFERENCES = {"event", "claimant", "party", "tag", "date_to"}  # date_to: before date_from

DOCUMENT = api.get_openapi_schema(path_prefix="/api/")
schema = schemathesis.openapi.from_dict(DOCUMENT)


@pytest.fixture
def demo_live(live_server, transactional_db):
    """A live server holding the demo set (as in tests/browser/conftest.py)."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    return live_server


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_openapi_schema(case, demo_live):
    if case.path != "/api/claims":
        case.call_and_validate(base_url=demo_live.url, timeout=10)
        return
    # The claims filters name other records (an event slug, a claimant id ...). A well-formed reference to nothing
    # is refused with 422, as the claims page refuses it: that, and only that, is allowed for schema-valid input.
    response = case.call_and_validate(
        base_url=demo_live.url, timeout=10, excluded_checks=[positive_data_acceptance]
    )
    if case.meta.generation.mode.is_positive and response.status_code == 422:
        fields = {error["loc"][-1] for error in response.json()["detail"]}
        assert fields <= REFERENCES, response.json()


def test_served_schema_is_the_tested_one_and_valid_openapi_3(demo_live):
    served = requests.get(f"{demo_live.url}/api/openapi.json", timeout=10).json()
    assert served == DOCUMENT
    loaded = schemathesis.openapi.from_dict(served)
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert served["openapi"].startswith("3.")
    assert len(operations) == OPERATIONS
    assert {op.method for op in operations} == {"get"}
