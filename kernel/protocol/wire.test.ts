import { strict as assert } from "assert";
import { MessageFactory, parseMessage } from "./wire";

describe("kernel: wire protocol", () => {
  const key = "secret-key";
  const factory = new MessageFactory(key);

  it("round-trips a signed message with its routing identity", () => {
    const message = factory.create("execute_reply", { status: "ok" }, null);
    const parsed = parseMessage(key, factory.serialize(message, [Buffer.from("client-id")]));
    assert.ok(typeof parsed !== "string");
    assert.equal(parsed.identities[0].toString(), "client-id");
    assert.deepEqual(parsed.content, { status: "ok" });
    assert.equal(parsed.header.version, "5.3");
    assert.equal(parsed.header.session, factory.session);
  });
  it("rejects a message whose signature does not match", () => {
    const frames = factory.serialize(factory.create("execute_request", { code: "1" }, null), []);
    frames[frames.length - 1] = Buffer.from(JSON.stringify({ code: "2" }));
    assert.equal(parseMessage(key, frames), "invalid HMAC signature");
  });
});
