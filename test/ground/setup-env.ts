// setupFiles of the `integration` project: code under test that builds AWS
// clients from the environment reaches the shared moto, never real AWS.
import { getTestGround } from "./index.ts";

const ground = getTestGround();
process.env.AWS_ENDPOINT_URL = ground.motoUrl;
process.env.AWS_ACCESS_KEY_ID = "testing";
process.env.AWS_SECRET_ACCESS_KEY = "testing";
process.env.AWS_REGION = "us-east-1";
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true"; // Node 20 is our runtime; the notice is noise
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
