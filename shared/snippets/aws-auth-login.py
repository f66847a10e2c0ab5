# Log in to Leasehold with AWS Auth from Python: a Lambda function, an EC2 instance,
# or anything else with AWS credentials (botocore's SigV4 signer).
#   pip install botocore
import base64
import json
import os
import urllib.error
import urllib.request

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

LEASEHOLD_URL = "{{serverUrl}}"
IDENTITY_ID = "{{identityId}}"


def login_to_leasehold():
    """Signs an STS GetCallerIdentity request with this machine's AWS credentials and
    trades it for a Leasehold access token. Only the signature leaves the machine."""
    session = botocore.session.get_session()
    credentials = session.get_credentials()
    if credentials is None:
        raise RuntimeError("No AWS credentials found: attach a role or set AWS_ACCESS_KEY_ID")
    # leasehold:any-region:begin
    # The identity uses the global STS endpoint: sign for the region this code runs in.
    region = os.environ.get("AWS_REGION") or session.get_config_variable("region") or "us-east-1"
    host = f"sts.{region}.amazonaws.com"
    # leasehold:any-region:end
    # leasehold:fixed-endpoint:begin
    # The identity only accepts requests signed for its own STS endpoint.
    region = "{{stsRegion}}"
    host = "{{stsHost}}"
    # leasehold:fixed-endpoint:end
    body = "Action=GetCallerIdentity&Version=2011-06-15"
    headers = {"Host": host, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    # leasehold:server-id:begin
    # This identity only accepts requests signed for this Leasehold server.
    headers["X-Leasehold-Server-ID"] = "{{serverId}}"
    # leasehold:server-id:end

    request = AWSRequest(method="POST", url=f"https://{host}/", data=body, headers=headers)
    SigV4Auth(credentials.get_frozen_credentials(), "sts", region).add_auth(request)

    payload = json.dumps({
        "identityId": IDENTITY_ID,
        "iamHttpRequestMethod": "POST",
        "iamRequestBody": base64.b64encode(body.encode()).decode(),
        "iamRequestHeaders": base64.b64encode(json.dumps(dict(request.headers.items())).encode()).decode(),
    }).encode()
    login = urllib.request.Request(f"{LEASEHOLD_URL}/api/v1/auth/aws-auth/login", data=payload,
                                   headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(login, timeout=15) as response:
            return json.load(response)  # {accessToken, expiresIn, accessTokenMaxTTL, tokenType}
    except urllib.error.HTTPError as error:
        detail = json.load(error)
        raise RuntimeError(f"Leasehold login failed ({error.code} {detail.get('reasonCode', '')}): {detail.get('message')}") from None


if __name__ == "__main__":
    token = login_to_leasehold()
    me = urllib.request.Request(f"{LEASEHOLD_URL}/api/v1/identities/{IDENTITY_ID}",
                                headers={"Authorization": f"Bearer {token['accessToken']}"})
    with urllib.request.urlopen(me, timeout=15) as response:
        identity = json.load(response)["identity"]
    print(f"Logged in to Leasehold as {identity['name']}; the token expires in {token['expiresIn']} s")
