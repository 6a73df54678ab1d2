// The check program of the Go client that openapi-generator writes (check_clients.py builds it
// with the generated package `cloudtrail` beside it, from Debian's Go and the standard library).
//
// Usage: main CASES BASE_URL EVENT_ID. CASES is a JSON array of {"schema": NAME, "value": ...};
// each value is decoded with the client's model of NAME and encoded again, and the results are
// printed as one JSON array ({"ok": value} or {"error": text}). Then one search request with
// EVENT_ID is sent to BASE_URL with the client's API, and the decoded answer printed.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	cloudtrail "example.invalid/cloudtrail"
)

type result struct {
	Ok    any    `json:"ok,omitempty"`
	Error string `json:"error,omitempty"`
}

func roundTrip(value json.RawMessage, model any) result {
	if err := json.Unmarshal(value, model); err != nil {
		return result{Error: err.Error()}
	}
	out, err := json.Marshal(model)
	if err != nil {
		return result{Error: err.Error()}
	}
	return result{Ok: json.RawMessage(out)}
}

func main() {
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var cases []struct {
		Schema string          `json:"schema"`
		Value  json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(text, &cases); err != nil {
		panic(err)
	}
	results := []result{}
	for _, c := range cases {
		switch c.Schema {
		case "EventSearchRequestV1_0":
			results = append(results, roundTrip(c.Value, &cloudtrail.EventSearchRequestV10{}))
		case "EventSearchRequestV2_0":
			results = append(results, roundTrip(c.Value, &cloudtrail.EventSearchRequestV20{}))
		case "EventSearchResponseV1_0":
			results = append(results, roundTrip(c.Value, &cloudtrail.EventSearchResponseV10{}))
		case "EventSearchResponseV2_0":
			results = append(results, roundTrip(c.Value, &cloudtrail.EventSearchResponseV20{}))
		default:
			results = append(results, result{Error: "no model for " + c.Schema})
		}
	}
	printed, _ := json.Marshal(results)
	fmt.Println(string(printed))

	config := cloudtrail.NewConfiguration()
	config.Servers = cloudtrail.ServerConfigurations{{URL: os.Args[2]}}
	client := cloudtrail.NewAPIClient(config)
	ctx := context.WithValue(context.Background(), cloudtrail.ContextAPIKeys, map[string]cloudtrail.APIKey{
		"X-TC-AUTHENTICATION-ID":     {Key: "check-id"},
		"X-TC-AUTHENTICATION-SECRET": {Key: "check-secret"},
	})
	page := cloudtrail.NewEventSearchRequestV20Page(0)
	page.SetLimit(10)
	request := cloudtrail.NewEventSearchRequestV20("2026-01-02T00:00:00.000Z", os.Args[3], *page, "2026-01-01T00:00:00.000Z")
	answer, _, err := client.EventsAPI.SearchEventsV20(ctx, "check-app-key").EventSearchRequestV20(*request).Execute()
	var sent result
	if err != nil {
		sent = result{Error: err.Error()}
	} else {
		out, _ := json.Marshal(answer)
		sent = result{Ok: json.RawMessage(out)}
	}
	printed, _ = json.Marshal(sent)
	fmt.Println(string(printed))
}
