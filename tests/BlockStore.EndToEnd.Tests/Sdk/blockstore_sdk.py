"""Shared by the scenario scripts: the Debian openstacksdk connected to a BlockStore under test.

Every script takes the API's base URL and a project id, runs one scenario through the SDK and prints one JSON
object on stdout for the C# test to judge. An unexpected exception ends the script with a traceback and exit 1.
"""

import json
import sys
import time

import openstack
from openstack import exceptions

# One wait for a status; the test gives the whole script five minutes (the machine running the tests may be loaded).
WAIT_SECONDS = 60
POLL_SECONDS = 0.5


def arguments():
    """The API base URL (http://127.0.0.1:PORT) and the project the scenario works in."""
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} API_URL PROJECT_ID")
    return sys.argv[1].rstrip("/"), sys.argv[2]


def connect(api_url, project, auth="admin_token"):
    """A connection as an SDK user makes one against a Cinder without Keystone.

    admin_token: a fixed token and the endpoint to use for every service (what `openstack --os-auth-type admin_token`
    does); none: no token at all and the block-storage endpoint given as an override. No clouds.yaml and no OS_*
    variables, so nothing on the machine changes what the test drives.
    """
    endpoint = f"{api_url}/v3/{project}"
    common = dict(load_yaml_config=False, load_envvars=False, block_storage_api_version="3")
    if auth == "none":
        return openstack.connect(auth_type="none", block_storage_endpoint_override=endpoint, **common)
    return openstack.connect(auth_type="admin_token", auth={"token": f"user1:{project}", "endpoint": endpoint}, **common)


def wait_for_status(proxy, resource, status="available"):
    """The SDK's wait; an unexpected failure says why, with the resource's user messages (microversion 3.3)."""
    try:
        return proxy.wait_for_status(resource, status, failures=["error"], interval=POLL_SECONDS, wait=WAIT_SECONDS)
    except exceptions.ResourceFailure as failure:
        response = proxy.get("/messages", params={"resource_uuid": resource.id}, microversion="3.3", raise_exc=False)
        messages = [message["user_message"] for message in response.json().get("messages", [])]
        raise exceptions.ResourceFailure(f"{failure}; user messages: {messages}") from failure


def wait_for_delete(proxy, resource):
    return proxy.wait_for_delete(resource, interval=POLL_SECONDS, wait=WAIT_SECONDS)


def wait_until(fetch, done):
    """Fetches until done(result) or the wait is over; returns the last result for the test to judge."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        current = fetch()
        if done(current) or time.monotonic() > deadline:
            return current
        time.sleep(POLL_SECONDS)


def error(call):
    """Runs a call that must fail and describes the SDK exception it raised, as a user's code would see it."""
    try:
        call()
    except exceptions.HttpException as raised:
        return {"type": type(raised).__name__, "status": raised.status_code, "details": raised.details}
    return {"type": None}


def microversion(proxy):
    """The highest microversion the server declared to the SDK's discovery, as "3.N"."""
    major, minor = proxy.get_endpoint_data().max_microversion
    return f"{major}.{minor}"


def emit(result):
    json.dump(result, sys.stdout, indent=1, sort_keys=True, default=str)
    sys.stdout.write("\n")
