package org.peakpilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of docs/adr/0015-api-rules.md, checked on the document the running application serves at
 * {@code /v3/api-docs}: each rule is a function from the document to its violations, so that
 * {@link #everyRuleFailsOnADocumentThatBreaksIt} can prove each one fails on a copy broken on purpose.
 */
@PeakPilotTest
class OpenApiRulesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Schema names that say nothing about what they hold (issue 11: a generated client gets classes of these names). */
	static final Set<String> GENERIC_NAMES = Set.of("Request", "Response", "Result", "Row", "Line", "Item", "Input",
			"Content", "Data", "Entry", "Record", "Value", "Summary", "Totals", "Note", "Month", "Figures", "Comment",
			"Form", "Body", "Payload", "Object", "Dto", "Model", "ProblemDetail");

	private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-zA-Z0-9]*");
	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@LocalServerPort
	int port;

	String raw;
	JsonNode doc;

	@BeforeEach
	void fetch() throws Exception {
		raw = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		doc = JSON.readTree(raw);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/api-docs.json"), raw);
	}

	// ---- the rules

	/** Each rule: its name and the function from the document to its violations. */
	Map<String, Function<JsonNode, List<String>>> rules() {
		Map<String, Function<JsonNode, List<String>>> rules = new java.util.LinkedHashMap<>();
		rules.put("info", OpenApiRulesTests::info);
		rules.put("operationIds", OpenApiRulesTests::operationIds);
		rules.put("security", OpenApiRulesTests::security);
		rules.put("errors", OpenApiRulesTests::errors);
		rules.put("requestBodies", this::requestBodies);
		rules.put("explicitOperationIds", this::explicitOperationIds);
		rules.put("mediaTypes", OpenApiRulesTests::mediaTypes);
		rules.put("schemaNames", OpenApiRulesTests::schemaNames);
		rules.put("enums", OpenApiRulesTests::enums);
		rules.put("descriptions", OpenApiRulesTests::descriptions);
		rules.put("requestExamples", OpenApiRulesTests::requestExamples);
		rules.put("noExamplesInText", OpenApiRulesTests::noExamplesInText);
		return rules;
	}

	static List<String> info(JsonNode doc) {
		List<String> out = new ArrayList<>();
		JsonNode info = doc.path("info");
		if (info.path("title").asString("").equals("OpenAPI definition") || !info.path("title").asString("").startsWith("PeakPilot")) {
			out.add("info.title is not the product's: " + info.path("title"));
		}
		if (info.path("version").asString("v0").equals("v0") || info.path("version").asString("").isBlank()) {
			out.add("info.version is springdoc's default: " + info.path("version"));
		}
		for (String field : List.of("description", "contact", "license")) {
			if (info.path(field).isMissingNode()) {
				out.add("info." + field + " is missing");
			}
		}
		if (!info.path("description").asString("").contains("/api/v1") || !info.path("description").asString("").contains("Deprecation")) {
			out.add("info.description states neither the /api/v1 promise nor the deprecation header");
		}
		return out;
	}

	static List<String> operationIds(JsonNode doc) {
		List<String> out = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		forEachOperation(doc, (where, op) -> {
			String id = op.path("operationId").asString(null);
			if (id == null) {
				out.add(where + ": no operationId");
				return;
			}
			if (!OPERATION_ID.matcher(id).matches() || id.matches(".*_\\d+$")) {
				out.add(where + ": operationId " + id + " is not lowerCamelCase verb+noun (or ends in _<digit>)");
			}
			if (!seen.add(id)) {
				out.add(where + ": operationId " + id + " is used twice");
			}
		});
		return out;
	}

	static List<String> security(JsonNode doc) {
		List<String> out = new ArrayList<>();
		Set<String> schemes = new HashSet<>();
		doc.path("components").path("securitySchemes").propertyNames().forEach(schemes::add);
		for (String scheme : List.of("basicAuth", "personalToken", "deviceToken")) {
			if (!schemes.contains(scheme)) {
				out.add("no security scheme " + scheme);
			}
		}
		forEachOperation(doc, (where, op) -> {
			JsonNode security = op.path("security");
			if (!security.isArray()) {
				out.add(where + ": no security requirement (nor an explicit [])");
				return;
			}
			boolean isPublic = where.startsWith("GET /api/v1/public/");
			if (isPublic != security.isEmpty()) {
				out.add(where + (isPublic ? ": public but secured" : ": secured operation with security []"));
			}
			boolean device = security.valueStream().anyMatch(s -> s.has("deviceToken"));
			if (device && !(where.equals("POST /api/v1/monitoring/readings") || where.equals("POST /api/v1/monitoring/status"))) {
				out.add(where + ": takes device tokens");
			}
			if (!isPublic && !op.path("x-peakpilot-roles").isArray()) {
				out.add(where + ": does not state its roles (x-peakpilot-roles)");
			}
		});
		return out;
	}

	static List<String> errors(JsonNode doc) {
		List<String> out = new ArrayList<>();
		if (!doc.path("components").path("schemas").path("Problem").path("properties").has("errors")) {
			out.add("no Problem schema with errors");
		}
		forEachOperation(doc, (where, op) -> {
			boolean any4xx = false;
			for (String code : op.path("responses").propertyNames()) {
				if (code.startsWith("4")) {
					any4xx = true;
				}
				if (code.startsWith("4") || code.startsWith("5")) {
					JsonNode content = op.path("responses").path(code).path("content");
					if (!content.path("application/problem+json").path("schema").path("$ref").asString("")
						.equals("#/components/schemas/Problem") || content.size() != 1) {
						out.add(where + " " + code + ": not answered with the Problem schema as application/problem+json");
					}
				}
			}
			// an operation that reads input or needs authentication can refuse it (a public list without parameters
			// can only fail with a 503)
			boolean refuses = op.has("parameters") || op.has("requestBody") || !op.path("security").isEmpty();
			if (refuses && !any4xx) {
				out.add(where + ": documents no 4xx answer");
			}
			if (!op.path("responses").has("503")) {
				out.add(where + ": does not document 503");
			}
		});
		return out;
	}

	/** Where the handler reads a body (a @RequestBody, a file, the raw request), the document has a request body schema. */
	List<String> requestBodies(JsonNode doc) {
		List<String> out = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : handlers.getHandlerMethods().entrySet()) {
			if (!readsBody(e.getValue())) {
				continue;
			}
			for (String path : e.getKey().getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
					JsonNode op = doc.path("paths").path(path).path(method.name().toLowerCase());
					JsonNode content = op.path("requestBody").path("content");
					if (content.isEmpty() || content.valueStream().anyMatch(c -> c.path("schema").isMissingNode())) {
						out.add(method + " " + path + ": the server reads a body the document does not describe");
					}
				}
			}
		}
		return out;
	}

	/** Every API handler names its operationId in the code ({@code @Operation}), and the document carries that name. */
	List<String> explicitOperationIds(JsonNode doc) {
		List<String> out = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : handlers.getHandlerMethods().entrySet()) {
			io.swagger.v3.oas.annotations.Operation operation = e.getValue().getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
			for (String path : e.getKey().getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
					String documented = doc.path("paths").path(path).path(method.name().toLowerCase()).path("operationId").asString("");
					if (operation == null || operation.operationId().isBlank()) {
						out.add(method + " " + path + ": " + e.getValue().getMethod().getName() + " has no @Operation(operationId = …)");
					}
					else if (!operation.operationId().equals(documented)) {
						out.add(method + " " + path + ": documented as " + documented + ", named " + operation.operationId() + " in the code");
					}
				}
			}
		}
		return out;
	}

	static boolean readsBody(HandlerMethod handler) {
		for (MethodParameter p : handler.getMethodParameters()) {
			if (p.hasParameterAnnotation(RequestBody.class) || p.hasParameterAnnotation(RequestPart.class)
					|| MultipartFile.class.isAssignableFrom(p.getParameterType())
					|| HttpServletRequest.class.isAssignableFrom(p.getParameterType())
					|| InputStream.class.isAssignableFrom(p.getParameterType())) {
				return true;
			}
		}
		return false;
	}

	static List<String> mediaTypes(JsonNode doc) {
		List<String> out = new ArrayList<>();
		forEachOperation(doc, (where, op) -> {
			if (op.path("requestBody").path("content").has("*/*")) {
				out.add(where + ": request body as */*");
			}
			op.path("responses").properties().forEach(r -> {
				if (r.getValue().path("content").has("*/*")) {
					out.add(where + " " + r.getKey() + ": answered as */*");
				}
				// bytes (a file) declared as JSON: the client would try to parse an .xlsx as JSON text
				String format = r.getValue().path("content").path("application/json").path("schema").path("format").asString("");
				if (format.equals("byte") || format.equals("binary")) {
					out.add(where + " " + r.getKey() + ": a file declared as application/json");
				}
			});
		});
		return out;
	}

	static List<String> schemaNames(JsonNode doc) {
		List<String> out = new ArrayList<>();
		if (doc.has("x-peakpilot-schema-name-collisions")) {
			out.add("two types share a schema name: " + doc.path("x-peakpilot-schema-name-collisions"));
		}
		for (String name : doc.path("components").path("schemas").propertyNames()) {
			if (GENERIC_NAMES.contains(name)) {
				out.add("generic schema name " + name);
			}
		}
		return out;
	}

	/** An enum's values have the schema's type (an integer field listing "15" makes the generator write a string enum). */
	static List<String> enums(JsonNode doc) {
		List<String> out = new ArrayList<>();
		doc.path("components").path("schemas").properties().forEach(schema -> schema.getValue().path("properties").properties()
			.forEach(property -> checkEnum("schema " + schema.getKey() + "." + property.getKey(), property.getValue(), out)));
		forEachOperation(doc, (where, op) -> op.path("parameters").forEach(
				parameter -> checkEnum(where + " parameter " + parameter.path("name").asString(), parameter.path("schema"), out)));
		return out;
	}

	private static void checkEnum(String where, JsonNode schema, List<String> out) {
		String type = schema.path("type").asString("");
		for (JsonNode value : schema.path("enum")) {
			boolean fits = switch (type) {
				case "integer" -> value.isIntegralNumber();
				case "number" -> value.isNumber();
				case "string" -> value.isString();
				default -> true;
			};
			if (!fits) {
				out.add(where + ": enum value " + value + " is not of type " + type);
			}
		}
	}

	/**
	 * Everything a client reads is described in English and Chinese (ADR 0015): each operation's summary, each
	 * parameter, and each property of every schema an operation takes or answers with (nested ones included). A
	 * property that is only a reference to a described schema needs no text of its own.
	 */
	static List<String> descriptions(JsonNode doc) {
		List<String> out = new ArrayList<>();
		JsonNode schemas = doc.path("components").path("schemas");
		Set<String> used = new java.util.TreeSet<>();
		forEachOperation(doc, (where, op) -> {
			if (!chinese(op.path("summary").asString(""))) {
				out.add(where + ": summary without Chinese");
			}
			op.path("parameters").forEach(parameter -> {
				if (!chinese(parameter.path("description").asString(""))) {
					out.add(where + ": parameter " + parameter.path("name").asString() + " not described in Chinese");
				}
			});
			op.path("requestBody").path("content").forEach(media -> collect(schemas, media.path("schema"), used));
			op.path("responses").forEach(response -> response.path("content").forEach(media -> collect(schemas, media.path("schema"), used)));
		});
		for (String name : used) {
			schemas.path(name).path("properties").properties().forEach(property -> {
				JsonNode p = property.getValue();
				boolean onlyReference = p.has("$ref") && p.size() == 1;
				if (!onlyReference && !chinese(p.path("description").asString(""))) {
					out.add("schema " + name + ": property " + property.getKey() + " not described in Chinese");
				}
			});
		}
		return out;
	}

	private static boolean chinese(String text) {
		return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
	}

	/** Every request body has a real example: on its media type, or on the schema it refers to. */
	static List<String> requestExamples(JsonNode doc) {
		List<String> out = new ArrayList<>();
		JsonNode schemas = doc.path("components").path("schemas");
		forEachOperation(doc, (where, op) -> op.path("requestBody").path("content").properties().forEach(media -> {
			JsonNode m = media.getValue();
			String ref = m.path("schema").path("$ref").asString("");
			boolean example = m.has("example") || m.has("examples") || m.path("schema").has("example")
					|| (ref.startsWith("#/components/schemas/") && schemas.path(ref.substring(21)).has("example"));
			String id = op.path("operationId").asString();
			if (!example && !media.getKey().equals("multipart/form-data")) {
				out.add(where + " (" + id + "): no example for its " + media.getKey() + " body");
			}
		}));
		return out;
	}

	/** Examples go where a client and Swagger UI use them ({@code examples}), not into description text. */
	static List<String> noExamplesInText(JsonNode doc) {
		List<String> out = new ArrayList<>();
		forEachOperation(doc, (where, op) -> {
			if (op.path("description").asString("").contains("{\"")) {
				out.add(where + ": a JSON example in the description");
			}
		});
		return out;
	}

	private static void collect(JsonNode schemas, JsonNode schema, Set<String> names) {
		String ref = schema.path("$ref").asString(schema.path("items").path("$ref").asString(""));
		if (ref.startsWith("#/components/schemas/")) {
			String name = ref.substring("#/components/schemas/".length());
			if (names.add(name)) {
				schemas.path(name).path("properties").forEach(property -> collect(schemas, property, names));
			}
		}
	}

	static void forEachOperation(JsonNode doc, java.util.function.BiConsumer<String, JsonNode> action) {
		doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			if (METHODS.contains(op.getKey())) {
				action.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
			}
		}));
	}

	// ---- the tests

	@Test
	void theDocumentFollowsEveryRule() {
		Map<String, List<String>> violations = new java.util.LinkedHashMap<>();
		rules().forEach((name, rule) -> {
			List<String> found = rule.apply(doc);
			if (!found.isEmpty()) {
				violations.put(name, found);
			}
		});
		assertThat(violations).as("violations of docs/adr/0015-api-rules.md").isEmpty();
	}

	/** Each rule finds what a copy of the document, broken on purpose, does wrong: no rule that cannot fail. */
	@Test
	void everyRuleFailsOnADocumentThatBreaksIt() {
		Map<String, Consumer<ObjectNode>> breakers = new HashMap<>();
		String readings = "/api/v1/monitoring/readings";
		breakers.put("info", d -> ((ObjectNode) d.path("info")).put("title", "OpenAPI definition").put("version", "v0"));
		breakers.put("operationIds", d -> {
			op(d, "/api/v1/plan/zones", "get").put("operationId", "zones_1");
			op(d, "/api/v1/registry/zones", "get").remove("operationId");
		});
		breakers.put("security", d -> op(d, "/api/v1/registry/enterprises", "post").remove("security"));
		breakers.put("errors", d -> {
			ObjectNode responses = (ObjectNode) op(d, "/api/v1/registry/enterprises", "post").path("responses");
			responses.propertyNames().stream().filter(c -> !c.startsWith("2")).toList().forEach(responses::remove);
		});
		breakers.put("requestBodies", d -> op(d, readings, "post").remove("requestBody"));
		breakers.put("mediaTypes", d -> ((ObjectNode) op(d, "/api/v1/registry/regions", "get").path("responses").path("200")
			.path("content")).set("*/*", JSON.createObjectNode()));
		breakers.put("schemaNames", d -> {
			((ObjectNode) d.path("components").path("schemas")).set("Request", JSON.createObjectNode());
			d.putObject("x-peakpilot-schema-name-collisions").putArray("Industry").add("a.Industry").add("b.Industry");
		});
		breakers.put("enums", d -> ((ObjectNode) d.path("components").path("schemas").path("MeterForm").path("properties")
			.path("intervalMinutes")).putArray("enum").add("15"));
		breakers.put("descriptions", d -> {
			((ObjectNode) d.path("components").path("schemas").path("EnterpriseForm").path("properties").path("uscc"))
				.put("description", "the unified social credit code");
			((ObjectNode) op(d, "/api/v1/registry/enterprises", "get").path("parameters").path(0)).remove("description");
		});
		breakers.put("requestExamples", d -> {
			ObjectNode media = (ObjectNode) op(d, "/api/v1/accounting/calculations", "post").path("requestBody").path("content")
				.path("application/json");
			media.remove("examples");
			media.remove("example");
		});
		breakers.put("noExamplesInText", d -> op(d, "/api/v1/registry/enterprises", "post").put("description", "Body: {\"uscc\": \"…\"}"));
		breakers.put("explicitOperationIds", d -> op(d, "/api/v1/registry/regions", "get").put("operationId", "regions"));
		assertThat(breakers.keySet()).isEqualTo(rules().keySet());
		rules().forEach((name, rule) -> {
			ObjectNode broken = (ObjectNode) doc.deepCopy();
			breakers.get(name).accept(broken);
			assertThat(rule.apply(broken)).as("rule " + name + " on a document broken for it").isNotEmpty();
		});
	}

	private static ObjectNode op(ObjectNode doc, String path, String method) {
		return (ObjectNode) doc.path("paths").path(path).path(method);
	}

	@Test
	void theDocumentValidatesWithoutAnyMessage() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(raw, null, options);
		assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
		assertThat(result.getOpenAPI()).isNotNull();
	}

	@Test
	void theProblemSchemaIsWhatTheApiAnswers() throws Exception {
		String body = mvc.perform(post("/api/v1/registry/enterprises").with(Fixtures.admin())
				.contentType(MediaType.APPLICATION_JSON).content("{\"uscc\": \"not-a-code\", \"nameZh\": \"\"}"))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		JsonNode problem = JSON.readTree(body);
		JsonNode schema = doc.path("components").path("schemas").path("Problem");
		assertThat(problem.propertyNames()).isSubsetOf(schema.path("properties").propertyNames());
		JsonNode inputError = doc.path("components").path("schemas").path("InputError").path("properties");
		assertThat(problem.path("errors")).isNotEmpty();
		problem.path("errors").forEach(e -> assertThat(e.propertyNames()).isSubsetOf(inputError.propertyNames()));
		for (String required : schema.path("required").valueStream().map(JsonNode::asString).toList()) {
			assertThat(problem.has(required)).as("required " + required).isTrue();
		}
	}

	/** The calculator's documented example is a real request: the server calculates it. */
	@Test
	void theCalculatorsExampleIsCalculated() throws Exception {
		JsonNode example = doc.path("paths").path("/api/v1/accounting/calculations").path("post").path("requestBody").path("content")
			.path("application/json").path("examples").values().iterator().next().path("value");
		JsonNode result = JSON.readTree(mvc.perform(post("/api/v1/accounting/calculations").with(Fixtures.admin())
				.contentType(MediaType.APPLICATION_JSON).content(example.toString()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(result.path("lines")).hasSize(example.path("lines").size());
		assertThat(result.path("totals").path("totalCo2T").decimalValue()).isPositive();
	}

	/** Issue 11: two Industry types collided and the registry's lost sector and source in the document. */
	@Test
	void theRegistrysIndustriesAreDocumentedWithTheFieldsTheyHave() throws Exception {
		JsonNode items = doc.path("paths").path("/api/v1/registry/industries").path("get").path("responses").path("200")
			.path("content").path("application/json").path("schema").path("items");
		String name = items.path("$ref").asString().substring("#/components/schemas/".length());
		JsonNode properties = doc.path("components").path("schemas").path(name).path("properties");
		assertThat(properties.propertyNames()).contains("code", "sector", "source");
		JsonNode answer = JSON.readTree(mvc.perform(get("/api/v1/registry/industries").with(Fixtures.admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(answer).isNotEmpty();
		answer.forEach(industry -> assertThat(properties.propertyNames()).containsAll(industry.propertyNames()));
	}

	@Test
	void theYamlFormIsPublicAndTheServerIsTheCallersBehindAProxy() throws Exception {
		mvc.perform(get("/v3/api-docs.yaml")).andExpect(status().isOk());
		// a request through a trusted proxy (this host): the document names the address the caller used
		HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
			.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "peakpilot.example.cn").header("X-Forwarded-Port", "443")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(answer.body()).path("servers").path(0).path("url").asString()).isEqualTo("https://peakpilot.example.cn");
	}

	@Test
	void swaggerUiOffersTheSchemesToAuthoriseWith() throws Exception {
		JsonNode schemes = doc.path("components").path("securitySchemes");
		assertThat(schemes.path("personalToken").path("scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.path("deviceToken").path("bearerFormat").asString()).startsWith("ppd_");
		assertThat(schemes.path("basicAuth").path("scheme").asString()).isEqualTo("basic");
		// the Authorize dialog itself: SwaggerUiBrowserTests
	}
}
