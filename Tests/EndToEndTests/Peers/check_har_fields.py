"""Checks a HAR file with Python's plain json reader against Chrome's `_webSocketMessages` field rules: type is
"send" or "receive", time is Unix seconds (a number), opcode a number, data a string that is text for opcode 1
and strict base64 otherwise. Prints one line per WebSocket message (type, opcode, decoded data as hex) and exits 1
with the rule that failed."""
import base64
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    har = json.load(f)
for i, entry in enumerate(har["log"]["entries"]):
    assert entry["_resourceType"] == "websocket", f"entries[{i}]._resourceType"
    assert entry["request"]["method"] == "GET" and entry["response"]["status"] == 101, f"entries[{i}] upgrade"
    for j, m in enumerate(entry["_webSocketMessages"]):
        where = f"entries[{i}]._webSocketMessages[{j}]"
        assert set(m) == {"type", "time", "opcode", "data"}, f"{where}: keys {sorted(m)}"
        assert m["type"] in ("send", "receive"), f"{where}.type"
        assert isinstance(m["time"], float) and m["time"] > 1e9, f"{where}.time"
        assert isinstance(m["opcode"], int), f"{where}.opcode"
        assert isinstance(m["data"], str), f"{where}.data"
        data = m["data"].encode() if m["opcode"] == 1 else base64.b64decode(m["data"], validate=True)
        print(m["type"], m["opcode"], data.hex())
