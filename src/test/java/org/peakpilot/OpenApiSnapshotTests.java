package org.peakpilot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the build generates its test client from ({@value #SNAPSHOT}) is the one the application
 * serves at /v3/api-docs. When an API change makes them differ, this test fails naming the first differences; refresh
 * the snapshot as docs/api-client.md says (run this test with {@code -Dopenapi.snapshot.update=true}), review its diff
 * and commit it. The snapshot is normalised: object keys sorted, pretty-printed, the server URL of the random test
 * port written as {@value #SERVER}.
 */
@PeakPilotTest
class OpenApiSnapshotTests {

	static final String SNAPSHOT = "src/test/resources/openapi/peakpilot-api.json";
	static final String SERVER = "http://localhost:8080";
	static final String UPDATE = "openapi.snapshot.update";
	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	@Test
	void committedSnapshotIsTheServedDocument() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		String live = normalised(response.body(), port);
		Path snapshot = Path.of(SNAPSHOT);

		if (Boolean.getBoolean(UPDATE)) {
			Files.createDirectories(snapshot.getParent());
			Files.writeString(snapshot, live, StandardCharsets.UTF_8);
			System.out.println("Wrote " + snapshot.toAbsolutePath() + ": review its diff, build again (the client is "
					+ "generated from it) and commit it");
			return;
		}

		String committed = Files.exists(snapshot) ? Files.readString(snapshot, StandardCharsets.UTF_8) : "{}";
		if (!committed.equals(live)) {
			Path served = Path.of("target", "openapi", "peakpilot-api.served.json");
			Files.createDirectories(served.getParent());
			Files.writeString(served, live, StandardCharsets.UTF_8);
			List<String> differences = new ArrayList<>();
			differences(JSON.readTree(committed), JSON.readTree(live), "", differences);
			assertThat(differences).as("""
					The served OpenAPI document (written to %s) differs from the committed snapshot %s, from which the \
					test client is generated. If the API change is intended, refresh the snapshot:
					  ./mvnw -B -q test-compile surefire:test@default-test -Dtest=OpenApiSnapshotTests -Dopenapi.snapshot.update=true
					then build again and commit the snapshot (docs/api-client.md). First differences (JSON pointer: snapshot -> served)"""
				.formatted(served, SNAPSHOT)).isEmpty();
			assertThat(live).as("the documents are equal as JSON but not as text: refresh the snapshot (docs/api-client.md)")
				.isEqualTo(committed);
		}
	}

	/** Sorted keys, two-space indentation, a final newline, and the caller-visible server URL replaced by {@link #SERVER}. */
	static String normalised(String document, int port) throws IOException {
		JsonNode sorted = sorted(JSON.readTree(document));
		if (sorted.get("servers") instanceof ArrayNode servers) {
			for (JsonNode server : servers) {
				if (server instanceof ObjectNode s && s.has("url")) {
					s.put("url", s.get("url").asString().replace("http://localhost:" + port, SERVER));
				}
			}
		}
		return JSON.writeValueAsString(sorted) + "\n";
	}

	static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> fields = new TreeMap<>();
			node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			fields.forEach(copy::set);
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.forEach(element -> copy.add(sorted(element)));
			return copy;
		}
		return node;
	}

	/** Collects up to 20 JSON pointers where the two documents differ. */
	static void differences(JsonNode committed, JsonNode served, String pointer, List<String> out) {
		if (out.size() >= 20 || committed.equals(served)) {
			return;
		}
		if (committed.isObject() && served.isObject()) {
			TreeMap<String, Boolean> names = new TreeMap<>();
			committed.propertyNames().forEach(n -> names.put(n, true));
			served.propertyNames().forEach(n -> names.put(n, true));
			for (String name : names.keySet()) {
				String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!committed.has(name)) {
					out.add(child + ": (absent) -> " + abbreviated(served.get(name)));
				}
				else if (!served.has(name)) {
					out.add(child + ": " + abbreviated(committed.get(name)) + " -> (absent)");
				}
				else {
					differences(committed.get(name), served.get(name), child, out);
				}
			}
		}
		else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
			for (int i = 0; i < committed.size(); i++) {
				differences(committed.get(i), served.get(i), pointer + "/" + i, out);
			}
		}
		else if (out.size() < 20) {
			out.add((pointer.isEmpty() ? "/" : pointer) + ": " + abbreviated(committed) + " -> " + abbreviated(served));
		}
	}

	static String abbreviated(JsonNode node) {
		String text = node.toString();
		return text.length() <= 120 ? text : text.substring(0, 117) + "...";
	}
}
