// The check program of the Java client (library `native`, Jackson) that openapi-generator writes;
// check_clients.py compiles it with the generated model classes against Debian's Jackson. The
// generated ApiClient needs jackson-datatype-jsr310, which Debian does not package, so the request
// is built from the client's models and serialised with Jackson as ApiClient does
// (FAIL_ON_UNKNOWN_PROPERTIES off, nulls left out), then sent with java.net.http.
//
// Usage: java Main CASES BASE_URL EVENT_ID. CASES is a JSON array of {"schema": NAME, "value": ...};
// each value is decoded with the client's model of NAME and encoded again, and the results are
// printed as one JSON array ({"ok": value} or {"error": text}). Then one search request with
// EVENT_ID is sent to BASE_URL, and the decoded answer printed.

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.openapitools.client.model.EventSearchRequestV10;
import org.openapitools.client.model.EventSearchRequestV20;
import org.openapitools.client.model.EventSearchRequestV20Page;
import org.openapitools.client.model.EventSearchResponseV10;
import org.openapitools.client.model.EventSearchResponseV20;

public class Main {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static final Map<String, Class<?>> MODELS = Map.of(
            "EventSearchRequestV1_0", EventSearchRequestV10.class,
            "EventSearchRequestV2_0", EventSearchRequestV20.class,
            "EventSearchResponseV1_0", EventSearchResponseV10.class,
            "EventSearchResponseV2_0", EventSearchResponseV20.class);

    static ObjectNode result(JsonNode ok, Exception error) {
        ObjectNode out = MAPPER.createObjectNode();
        if (error != null) {
            out.put("error", error.toString());
        } else {
            out.set("ok", ok);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        JsonNode cases = MAPPER.readTree(new File(args[0]));
        ArrayNode results = MAPPER.createArrayNode();
        for (JsonNode c : cases) {
            Class<?> model = MODELS.get(c.get("schema").asText());
            if (model == null) {
                results.add(result(null, new IllegalArgumentException("no model for " + c.get("schema"))));
                continue;
            }
            try {
                Object decoded = MAPPER.treeToValue(c.get("value"), model);
                results.add(result(MAPPER.valueToTree(decoded), null));
            } catch (Exception e) {
                results.add(result(null, e));
            }
        }
        System.out.println(MAPPER.writeValueAsString(results));

        EventSearchRequestV20 request = new EventSearchRequestV20()
                .startDate("2026-01-01T00:00:00.000Z")
                .endDate("2026-01-02T00:00:00.000Z")
                .eventId(args[2])
                .page(new EventSearchRequestV20Page().page(0L).limit(10L));
        ObjectNode sent;
        try {
            HttpRequest http = HttpRequest.newBuilder(URI.create(args[1] + "/cloud-trail/v2.0/appkeys/check-app-key/events/search"))
                    .header("Content-Type", "application/json")
                    .header("X-TC-AUTHENTICATION-ID", "check-id")
                    .header("X-TC-AUTHENTICATION-SECRET", "check-secret")
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(request)))
                    .build();
            String body = HttpClient.newHttpClient().send(http, HttpResponse.BodyHandlers.ofString()).body();
            sent = result(MAPPER.valueToTree(MAPPER.readValue(body, EventSearchResponseV20.class)), null);
        } catch (Exception e) {
            sent = result(null, e);
        }
        System.out.println(MAPPER.writeValueAsString(sent));
    }
}
