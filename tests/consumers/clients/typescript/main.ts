// The check program of the TypeScript client (typescript-fetch) that openapi-generator writes;
// check_clients.py compiles it with tsc next to the generated client (`cloudtrail/`) and runs it
// with node.
//
// Usage: node main.js CASES BASE_URL EVENT_ID. CASES is a JSON array of {"schema": NAME, "value": ...};
// each value is decoded with the client's model of NAME and encoded again, and the results are
// printed as one JSON array ({"ok": value} or {"error": text}). Then one search request with
// EVENT_ID is sent to BASE_URL with the client's API, and the decoded answer printed.
import { readFileSync } from "fs";
import {
    Configuration,
    EventsApi,
    EventSearchRequestV10FromJSON,
    EventSearchRequestV10ToJSON,
    EventSearchRequestV20,
    EventSearchRequestV20FromJSON,
    EventSearchRequestV20ToJSON,
    EventSearchResponseV10FromJSON,
    EventSearchResponseV10ToJSON,
    EventSearchResponseV20FromJSON,
    EventSearchResponseV20ToJSON,
} from "./cloudtrail";

type Codec = [(json: any) => any, (value: any) => any];
const codecs: Record<string, Codec> = {
    EventSearchRequestV1_0: [EventSearchRequestV10FromJSON, EventSearchRequestV10ToJSON],
    EventSearchRequestV2_0: [EventSearchRequestV20FromJSON, EventSearchRequestV20ToJSON],
    EventSearchResponseV1_0: [EventSearchResponseV10FromJSON, EventSearchResponseV10ToJSON],
    EventSearchResponseV2_0: [EventSearchResponseV20FromJSON, EventSearchResponseV20ToJSON],
};

// What the client would put on the wire: its ToJSON output, serialised (undefined fields drop out).
function wire(value: any): any {
    return JSON.parse(JSON.stringify(value));
}

async function main(): Promise<void> {
    const [casesFile, baseUrl, eventId] = process.argv.slice(2);
    const cases: { schema: string; value: any }[] = JSON.parse(readFileSync(casesFile, "utf8"));
    const results = cases.map((c) => {
        const codec = codecs[c.schema];
        if (!codec) {
            return { error: `no model for ${c.schema}` };
        }
        try {
            return { ok: wire(codec[1](codec[0](c.value))) };
        } catch (e) {
            return { error: String(e) };
        }
    });
    console.log(JSON.stringify(results));

    const api = new EventsApi(new Configuration({ basePath: baseUrl, apiKey: (name: string) => `check-${name}` }));
    const request: EventSearchRequestV20 = {
        startDate: "2026-01-01T00:00:00.000Z",
        endDate: "2026-01-02T00:00:00.000Z",
        eventId,
        page: { page: 0, limit: 10 },
    };
    try {
        const answer = await api.searchEventsV20({ appKey: "check-app-key", eventSearchRequestV20: request });
        console.log(JSON.stringify({ ok: wire(EventSearchResponseV20ToJSON(answer)) }));
    } catch (e) {
        console.log(JSON.stringify({ error: String(e) }));
    }
}

main();
