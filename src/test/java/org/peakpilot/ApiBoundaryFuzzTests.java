package org.peakpilot;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Walks every write operation (POST, PUT, PATCH, DELETE) of the OpenAPI document with boundary values built from its
 * schema: each number set to 1e18, 1e308 and -1e308, each string to 100,000 characters, wrong JSON types, empty,
 * malformed and non-object bodies, malformed multipart bodies, and path ids of real rows, of Long.MAX_VALUE, -1
 * and non-numeric. Bad input may be refused, but never answered 5xx, and every refusal is an RFC 9457 problem.
 * Prints how many requests it tried and how many 5xx it found.
 */
// Own context: it writes boundary values to every operation with real row ids, which would change other classes' data
@SpringBootTest(properties = "peakpilot.test.schema=pp_fuzz")
@AutoConfigureMockMvc
class ApiBoundaryFuzzTests {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	static final String LONG_TEXT = "长" + "x".repeat(99_999);
	static final int MAX_REQUESTS_PER_OPERATION = 400;

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	/**
	 * Valid bodies of the main write operations, so that each boundary value reaches the validation (or the database)
	 * behind the others; the other operations start from a body built from their schema.
	 */
	static final Map<String, String> BASELINES = Map.ofEntries(
			Map.entry("POST /api/v1/monitoring/enterprises/{enterpriseId}/meters", """
					{"code": "E-B%N%", "name": "1# 主变", "facility": "1# 线", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
					 "multiplier": 10, "intervalMinutes": 15, "productCode": null, "maxPerInterval": 50000, "counterMax": null, "active": true}"""),
			Map.entry("PUT /api/v1/monitoring/meters/{id}", """
					{"code": "E-FUZZ", "name": "1# 主变", "facility": "1# 线", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "COUNTER",
					 "multiplier": 10, "intervalMinutes": 15, "productCode": null, "maxPerInterval": 50000, "counterMax": 99999999, "active": true}"""),
			Map.entry("PUT /api/v1/monitoring/meters/{id}/alarm-rule", """
					{"intervalLimit": 4000, "dayLimit": 90000, "offlineIntervals": 4, "spikeEnabled": true}"""),
			Map.entry("POST /api/v1/monitoring/alarms/close", """
					{"ids": [1, 2], "comment": "追补完成，数据完整"}"""),
			Map.entry("POST /api/v1/monitoring/meters/{id}/exchanges", """
					{"replacedAt": "2026-01-01T00:07:00+08:00", "oldFinal": 12, "newInitial": 0, "reason": "表计故障更换"}"""),
			Map.entry("POST /api/v1/monitoring/meters/{id}/backfill", """
					{"reason": "网关断线，现场抄表", "readings": [{"meter": "E-FUZZ", "ts": "2026-01-01T00:45:00+08:00", "value": "50", "unit": "kWh"}]}"""),
			Map.entry("POST /api/v1/monitoring/quarantine/{id}/replay", """
					{"meter": "E-FUZZ", "ts": "2026-01-01T00:15:00+08:00", "value": "200", "unit": "kWh", "comment": "按现场表计修正"}"""),
			Map.entry("PUT /api/v1/accounting/enterprises/{enterpriseId}/reports/{year}/{month}", """
					{"outputValue10kCny": 1200, "valueAdded10kCny": 300,
					 "lines": [{"line": {"type": "ELECTRICITY", "quantity": 930000, "unit": "kWh", "greenKwh": 1000}, "energyUse": "ENERGY"},
					           {"line": {"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 12, "unit": "10^4 Nm3", "measuredNcv": 389.31,
					                     "measuredCarbonContent": 0.0153}, "energyUse": "ENERGY"}],
					 "products": [{"productCode": "CLINKER", "quantity": 1000}]}"""),
			Map.entry("POST /api/v1/accounting/calculations", """
					{"year": 2024, "gridRegion": "SICHUAN", "lines": [
					  {"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 120, "unit": "10^4 Nm3", "measuredNcv": 389.31, "measuredCarbonContent": 0.0153},
					  {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh", "greenKwh": 500000},
					  {"type": "CLINKER", "quantity": 1000, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02, "nonCarbonateCaoFraction": 0.01,
					   "nonCarbonateMgoFraction": 0.001, "clinkerType": "PORTLAND", "fraction": 0.5}]}"""),
			Map.entry("POST /api/v1/accounting/factors/{code}/versions", """
					{"value": 0.56, "source": "生态环境部公告", "tag": "VERIFIED_SECONDARY", "effectiveFrom": "2031-01-01", "effectiveTo": null, "changeNote": "x"}"""),
			Map.entry("POST /api/v1/accounting/inventory/inputs", """
					{"year": 2022, "code": "GDP", "value": 100, "unit": null, "sourceDocument": "统计公报", "note": "x"}"""),
			Map.entry("POST /api/v1/plan/observations", """
					{"itemCode": "13", "year": 2019, "value": 48.2, "unit": "%", "sourceDocument": "2019年统计公报", "note": "first"}"""),
			Map.entry("PUT /api/v1/plan/items/{code}/provincial-targets/{year}", """
					{"value": 2.2, "sourceDocument": "省下达目标文件（测试）"}"""),
			Map.entry("POST /api/v1/platform/users", """
					{"username": "fuzz-user-%N%", "displayName": "夹江县经信局", "password": "a-long-password", "role": "COUNTY_OFFICER",
					 "countyCode": "511126", "parkId": null, "enterpriseId": null, "assignedEnterprises": [], "enabled": true}"""),
			Map.entry("PUT /api/v1/platform/users/{id}", """
					{"username": "fuzz-user-2", "displayName": "企业用户", "password": "a-long-password", "role": "ENTERPRISE_USER",
					 "countyCode": null, "parkId": null, "enterpriseId": %ENTERPRISE%, "assignedEnterprises": [], "enabled": true}"""),
			Map.entry("POST /api/v1/registry/enterprises", """
					{"uscc": "%USCC%", "name": "测试注册企业", "countyCode": "511181", "industryCode": "3011", "parkId": null,
					 "keyEnergyUnit": true, "annualEnergyTce": 120000}"""),
			Map.entry("PUT /api/v1/registry/enterprises/{id}", """
					{"uscc": "%USCC%", "name": "测试注册企业", "countyCode": "511181", "industryCode": "3011", "parkId": null,
					 "keyEnergyUnit": true, "annualEnergyTce": 120000}"""));

	/** Valid forms of the main pages whose fields the handler reads by hand or binds from text. */
	static final Map<String, Map<String, String>> PAGE_BASELINES = Map.of(
			"/monitoring/enterprises/{enterpriseId}/meters", Map.of("code", "E-P%N%", "name", "1# 主变", "facility", "1# 线",
					"energyCode", "ELECTRICITY", "unit", "kWh", "kind", "INTERVAL", "multiplier", "10", "intervalMinutes", "15",
					"maxPerInterval", "50000"),
			"/monitoring/meters/{id}/exchanges", Map.of("replacedAt", "2026-01-01T00:07:00+08:00", "oldFinal", "12", "newInitial", "0",
					"reason", "表计故障更换"),
			"/accounting/enterprises/{enterpriseId}/reports/{year}/{month}", Map.of("type0", "FUEL", "factor0", "NATURAL-GAS",
					"quantity0", "12", "unit0", "10^4 Nm3", "ncv0", "389.31", "cc0", "15.3", "use0", "ENERGY", "outputValue10kCny", "1200",
					"valueAdded10kCny", "300", "product_CLINKER", "1000"),
			"/accounting/enterprises/{enterpriseId}/reports/{year}/{month}/calculate", Map.ofEntries(Map.entry("type0", "FUEL"),
					Map.entry("factor0", "RAW-COAL"), Map.entry("quantity0", "12"), Map.entry("unit0", "t"), Map.entry("coalClass0", "LIGNITE"),
					Map.entry("ofPct0", "95"), Map.entry("method6", "CLINKER|PORTLAND"), Map.entry("quantity6", "100"),
					Map.entry("caoPct6", "65"), Map.entry("type12", "HEAT"), Map.entry("quantity12", "10"), Map.entry("unit12", "t"),
					Map.entry("pressure12", "1"), Map.entry("temperature12", "250"), Map.entry("n12", "1")),
			"/account/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "another-long-password"),
			"/admin/users", Map.of("username", "page-user-%N%", "displayName", "页面用户", "password", "a-long-password",
					"role", "COUNTY_OFFICER", "countyCode", JIAJIANG, "enabled", "true"));

	JsonNode components;
	final Map<String, String> realIds = new LinkedHashMap<>();
	final List<String> failures = new ArrayList<>();
	final List<String> notProblems = new ArrayList<>();
	int tried;

	Fixtures fixtures;
	MeteredEnterprise metered;

	void fixtureRows() throws Exception {
		fixtures = new Fixtures(registry, accounts);
		metered = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		long meterId = metered.intervalMeter("E-FUZZ", "ELECTRICITY", "kWh", 15, 50000, null);
		String spareGateway = JSON.readTree(mvc.perform(request(HttpMethod.POST, "/api/v1/monitoring/enterprises/" + metered.id() + "/gateways")
			.with(basic(metered.user)).contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"fuzz gateway\"}"))
			.andReturn().getResponse().getContentAsString()).path("gateway").path("id").asString();
		// one quarantined reading, so that the quarantine's actions have a real row
		mvc.perform(request(HttpMethod.POST, "/api/v1/monitoring/readings").with(metered.device()).contentType("text/csv")
			.content("meter,ts,value\nE-NOPE,2026-01-01T00:15:00+08:00,1\n"));
		realIds.put("enterprises", String.valueOf(metered.id()));
		realIds.put("meters", String.valueOf(meterId));
		realIds.put("gateways", spareGateway);
		realIds.put("users", String.valueOf(jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", metered.user)
			.query(Long.class).single()));
		realIds.put("quarantine", first("SELECT max(id) FROM monitoring_quarantine", "1"));
		realIds.put("reports", first("SELECT max(id) FROM accounting_report", "1"));
		realIds.put("alarms", first("SELECT max(id) FROM monitoring_alarm", "1"));
		realIds.put("tokens", first("SELECT max(id) FROM api_token", "1"));
		realIds.put("factors", first("SELECT code FROM accounting_factor ORDER BY code LIMIT 1", "X"));
		realIds.put("items", first("SELECT code FROM plan_item ORDER BY code LIMIT 1", "X"));
		realIds.put("closings", "2026-01");
		realIds.put("year", "2025");
		realIds.put("month", "11");
		realIds.put("action", "submit");
		realIds.put("gatewayId", spareGateway);
	}

	@Test
	void noWriteEndpointAnswersBadInputWithA5xxAndEveryRefusalIsAProblem() throws Exception {
		fixtureRows();
		JsonNode api = JSON.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
		components = api.path("components").path("schemas");
		// signed in without HTTP Basic: BCrypt on every request would make the walk take minutes
		RequestPostProcessor enterpriseUser = fixtures.as(metered.user);
		RequestPostProcessor admin = fixtures.as("admin");
		for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				HttpMethod method = HttpMethod.valueOf(operation.getKey().toUpperCase());
				if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
					continue;
				}
				if (path.getKey().equals("/api/v1/monitoring/readings")) {
					walk(method, path.getKey(), operation.getValue(), metered.device());
					continue;
				}
				walk(method, path.getKey(), operation.getValue(), admin);
				if (path.getKey().contains("/enterprises/") || path.getKey().startsWith("/api/v1/monitoring/")) {
					walk(method, path.getKey(), operation.getValue(), enterpriseUser);
				}
			}
		}
		System.out.printf("ApiBoundaryFuzzTests: %d requests tried, %d answered 5xx, %d refusals without a problem body%n",
				tried, failures.size(), notProblems.size());
		failures.stream().limit(200).forEach(f -> System.out.println("  5xx: " + f));
		notProblems.stream().limit(50).forEach(f -> System.out.println("  not a problem: " + f));
		assertThat(failures).as("5xx answers to bad input").isEmpty();
		assertThat(notProblems).as("4xx answers without an RFC 9457 body").isEmpty();
	}

	/**
	 * The same for the HTML forms (every POST handler outside /api): each form field set to boundary values and
	 * wrong types. A page may answer with the form and its errors, a redirect or a 4xx page, never a 5xx.
	 */
	@Test
	void noPageFormAnswersBadInputWithA5xx() throws Exception {
		fixtureRows();
		RequestPostProcessor enterpriseUser = fixtures.as(metered.user);
		RequestPostProcessor admin = fixtures.as("admin");
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			if (!info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
				continue;
			}
			for (String template : info.getPatternValues()) {
				if (template.startsWith("/api") || template.startsWith("/login") || template.startsWith("/logout")) {
					continue;
				}
				List<String> fields = formFields(entry.getValue());
				walkForm(template, fields, admin);
				if (template.startsWith("/monitoring") || template.contains("/enterprises/") || template.startsWith("/account")) {
					walkForm(template, fields, enterpriseUser);
				}
			}
		}
		System.out.printf("ApiBoundaryFuzzTests (pages): %d requests tried, %d answered 5xx%n", tried, failures.size());
		failures.stream().limit(200).forEach(f -> System.out.println("  5xx: " + f));
		assertThat(failures).as("5xx answers to bad form input").isEmpty();
	}

	/** The form fields of a page handler: its request parameters and the components of the record it binds. */
	static List<String> formFields(HandlerMethod handler) {
		List<String> fields = new ArrayList<>();
		for (MethodParameter parameter : handler.getMethodParameters()) {
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			Class<?> type = parameter.getParameterType();
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				fields.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName());
			}
			else if (type.isRecord()) {
				for (var component : type.getRecordComponents()) {
					fields.add(component.getName());
				}
			}
			else if (parameter.hasParameterAnnotation(ModelAttribute.class) || (!type.isPrimitive() && !type.getName().startsWith("java")
					&& !type.getName().startsWith("org.springframework") && !type.getName().startsWith("jakarta"))) {
				for (var field : type.getDeclaredFields()) {
					if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
						fields.add(field.getName());
					}
				}
			}
		}
		return fields;
	}

	void walkForm(String template, List<String> handlerFields, RequestPostProcessor who) {
		List<String> fields = handlerFields;
		String realPath = path(template, null, null);
		for (String variable : variables(template)) {
			for (String odd : List.of("9223372036854775807", "-1", "abc")) {
				sendForm(path(template, variable, odd), Map.of(), who);
			}
		}
		Map<String, String> baseline = new LinkedHashMap<>();
		fields.forEach(f -> baseline.put(f, "1"));
		baseline.putAll(PAGE_BASELINES.getOrDefault(template, Map.of()));
		fields = List.copyOf(baseline.keySet());
		sendForm(realPath, baseline, who);
		sendForm(realPath, Map.of(), who);
		for (String field : fields) {
			for (String odd : List.of("1e18", "1e308", "-1e308", "9223372036854775808", "abc", "", LONG_TEXT, "1e999999999")) {
				Map<String, String> form = new LinkedHashMap<>(baseline);
				form.put(field, odd);
				sendForm(realPath, form, who);
			}
		}
		if (fields.contains("file")) {
			sendMultipart(realPath, who, "this is not a multipart body");
			sendMultipart(realPath, who, "--fuzzboundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nnot a workbook\r\n--fuzzboundary--\r\n");
		}
	}

	void sendForm(String path, Map<String, String> form, RequestPostProcessor who) {
		MockHttpServletRequestBuilder request = request(HttpMethod.POST, path).with(who).with(csrf())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		form.forEach((name, value) -> request.param(name, value.replace("%N%", String.valueOf(tried))));
		perform(request, "POST " + path + " " + abbreviate(form.toString()), false);
	}

	void sendMultipart(String path, RequestPostProcessor who, String body) {
		perform(request(HttpMethod.POST, path).with(who).with(csrf()).contentType("multipart/form-data; boundary=fuzzboundary")
			.content(body), "POST " + path + " multipart " + abbreviate(body), false);
	}

	void perform(MockHttpServletRequestBuilder request, String what, boolean problemExpected) {
		tried++;
		try {
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			if (response.getStatus() >= 500) {
				failures.add(response.getStatus() + " " + what + " -> " + abbreviate(response.getContentAsString()));
			}
			else if (problemExpected && response.getStatus() >= 400 && response.getStatus() != 401 && !isProblem(response)) {
				notProblems.add(response.getStatus() + " " + what + " -> " + abbreviate(response.getContentAsString()));
			}
		}
		catch (Exception ex) {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			failures.add("unhandled " + root.getClass().getSimpleName() + " " + what + " -> " + abbreviate(String.valueOf(root.getMessage())));
		}
	}

	String first(String sql, String fallback) {
		return jdbc.sql(sql).query().listOfRows().stream().map(r -> r.values().iterator().next())
			.filter(java.util.Objects::nonNull).map(Object::toString).findFirst().orElse(fallback);
	}

	void walk(HttpMethod method, String template, JsonNode operation, RequestPostProcessor who) throws Exception {
		int before = tried;
		String realPath = path(template, null, null);
		JsonNode content = operation.path("requestBody").path("content");
		Map<String, String> query = new LinkedHashMap<>();
		for (JsonNode parameter : operation.path("parameters")) {
			if ("query".equals(parameter.path("in").asString()) && parameter.path("required").asBoolean()) {
				query.put(parameter.path("name").asString(), sample(resolve(parameter.path("schema"))).asString());
			}
		}
		// path variables: real rows, then out-of-range and non-numeric ids
		String known = BASELINES.get(method + " " + template);
		JsonNode baseline = known != null ? JSON.readTree(known.replace("%ENTERPRISE%", realIds.get("enterprises")))
				: content.has("application/json") ? sample(resolve(content.path("application/json").path("schema"))) : null;
		for (String odd : List.of("9223372036854775807", "-1", "abc", "99999999999999999999")) {
			if (!template.contains("{")) {
				break;
			}
			for (String variable : variables(template)) {
				String p = path(template, variable, odd);
				send(method, p, query, who, baseline == null ? null : MediaType.APPLICATION_JSON, baseline == null ? null : baseline.toString());
			}
		}
		// query parameters at their bounds
		for (String name : query.keySet()) {
			for (String odd : List.of("9223372036854775807", "-1", "abc", "1e308", LONG_TEXT)) {
				Map<String, String> q = new LinkedHashMap<>(query);
				q.put(name, odd);
				send(method, realPath, q, who, baseline == null ? null : MediaType.APPLICATION_JSON, baseline == null ? null : baseline.toString());
			}
		}
		if (content.has("multipart/form-data")) {
			String boundary = "fuzzboundary";
			MediaType multipart = MediaType.parseMediaType("multipart/form-data; boundary=" + boundary);
			send(method, realPath, query, who, multipart, "this is not a multipart body");
			send(method, realPath, query, who, multipart, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\u0003\u0004garbage");
			send(method, realPath, query, who, multipart, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nnot a workbook\r\n--" + boundary + "--\r\n");
			send(method, realPath, query, who, multipart, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n\r\n--" + boundary + "--\r\n");
			send(method, realPath, query, who, MediaType.parseMediaType("multipart/form-data"), "--x\r\n");
			send(method, realPath, query, who, MediaType.APPLICATION_JSON, "{}");
		}
		if (content.has("text/csv")) {
			for (String value : List.of("1e18", "1e30", "1e308", "-1e308", "NaN", "Infinity", "1" + "0".repeat(400), LONG_TEXT)) {
				send(method, realPath, query, who, MediaType.parseMediaType("text/csv"),
						"meter,ts,value\nE-FUZZ,2026-01-01T00:15:00+08:00," + value + "\nE-FUZZ,2026-01-01T00:30:00+08:00,1\n");
			}
			send(method, realPath, query, who, MediaType.parseMediaType("text/csv"), LONG_TEXT);
		}
		if (content.has("application/json") || !content.isEmpty() || operation.has("requestBody")) {
			for (String raw : List.of("", "{", "[]", "null", "\"text\"", "1e308", "{\"a\":", "[{}]")) {
				send(method, realPath, query, who, MediaType.APPLICATION_JSON, raw);
			}
		}
		if (baseline != null) {
			send(method, realPath, query, who, MediaType.APPLICATION_JSON, baseline.toString());
			for (List<Object> leaf : leaves(baseline, new ArrayList<>())) {
				for (JsonNode value : boundaries(get(baseline, leaf))) {
					if (tried - before > MAX_REQUESTS_PER_OPERATION) {
						return;
					}
					JsonNode body = baseline.deepCopy();
					set(body, leaf, value);
					send(method, realPath, query, who, MediaType.APPLICATION_JSON, body.toString());
				}
			}
		}
		if (baseline == null && content.isEmpty()) {
			send(method, realPath, query, who, null, null);
		}
	}

	void send(HttpMethod method, String path, Map<String, String> query, RequestPostProcessor who, MediaType type, String body) {
		tried++;
		MockHttpServletRequestBuilder request = request(method, path).with(who);
		query.forEach(request::param);
		if (type != null) {
			request.contentType(type);
		}
		if (body != null) {
			// names and codes that must be new each time: so that a boundary value is not hidden behind "already taken"
			body = body.replace("%N%", String.valueOf(tried)).replace("%USCC%", Fixtures.uscc(EMEISHAN));
			request.content(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		String what = method + " " + path + (query.isEmpty() ? "" : " " + abbreviate(query.toString())) + " "
				+ (body == null ? "" : abbreviate(body));
		tried--; // counted again in perform
		perform(request, what, true);
	}

	static boolean isProblem(MockHttpServletResponse response) throws Exception {
		String type = response.getContentType();
		return type != null && type.startsWith("application/problem+json") && JSON.readTree(response.getContentAsString()).has("status");
	}

	static String abbreviate(String s) {
		String flat = s.replace('\n', ' ');
		return flat.length() > 160 ? flat.substring(0, 160) + "…(" + flat.length() + ")" : flat;
	}

	static List<String> variables(String template) {
		List<String> names = new ArrayList<>();
		var m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	/**
	 * Fills a path's variables with real rows: the row of the collection the variable follows (enterprises/{id}), or by
	 * the variable's own name (year, month); the one variable named {@code odd} gets {@code value}.
	 */
	String path(String template, String odd, String value) {
		StringBuilder out = new StringBuilder();
		String previous = "";
		for (String segment : template.split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			out.append('/');
			if (segment.startsWith("{")) {
				String name = segment.substring(1, segment.length() - 1);
				String key = name.equals("enterpriseId") ? "enterprises"
						: name.equals("id") || name.equals("code") || name.endsWith("Id") ? previous : name;
				out.append(name.equals(odd) ? value : realIds.getOrDefault(key, "1"));
			}
			else {
				out.append(segment);
			}
			previous = segment;
		}
		return out.toString();
	}

	JsonNode resolve(JsonNode schema) {
		if (schema.has("$ref")) {
			String ref = schema.get("$ref").asString();
			return resolve(components.path(ref.substring(ref.lastIndexOf('/') + 1)));
		}
		if (schema.has("allOf")) {
			return resolve(schema.get("allOf").get(0));
		}
		if (schema.has("oneOf")) {
			return resolve(schema.get("oneOf").get(0));
		}
		if (schema.has("anyOf")) {
			return resolve(schema.get("anyOf").get(0));
		}
		return schema;
	}

	/** A plausible value of a schema: the one the mutations start from. */
	JsonNode sample(JsonNode schema) {
		return sample(schema, 0);
	}

	JsonNode sample(JsonNode schema, int depth) {
		schema = resolve(schema);
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		String type = schema.path("type").asString("");
		if (type.isEmpty() && schema.path("type").isArray()) {
			type = schema.path("type").get(0).asString();
		}
		String format = schema.path("format").asString("");
		switch (type) {
			case "integer":
				return NODES.numberNode(1);
			case "number":
				return NODES.numberNode(1.5);
			case "boolean":
				return NODES.booleanNode(false);
			case "array": {
				ArrayNode array = NODES.arrayNode();
				if (depth < 4) {
					array.add(sample(schema.path("items"), depth + 1));
				}
				return array;
			}
			case "string":
				return NODES.stringNode(switch (format) {
					case "date" -> "2025-06-01";
					case "date-time" -> "2026-01-01T00:15:00+08:00";
					default -> "x";
				});
			default: {
				ObjectNode object = NODES.objectNode();
				if (depth < 4) {
					for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
						object.set(property.getKey(), sample(property.getValue(), depth + 1));
					}
				}
				return object;
			}
		}
	}

	static List<List<Object>> leaves(JsonNode node, List<Object> at) {
		List<List<Object>> out = new ArrayList<>();
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> e : node.properties()) {
				List<Object> next = new ArrayList<>(at);
				next.add(e.getKey());
				out.add(next);
				if (e.getValue().isContainer()) {
					out.addAll(leaves(e.getValue(), next));
				}
			}
		}
		else if (node.isArray()) {
			Iterator<JsonNode> items = node.iterator();
			for (int i = 0; items.hasNext(); i++) {
				JsonNode item = items.next();
				List<Object> next = new ArrayList<>(at);
				next.add(i);
				out.add(next);
				if (item.isContainer()) {
					out.addAll(leaves(item, next));
				}
			}
		}
		return out;
	}

	static JsonNode get(JsonNode node, List<Object> at) {
		for (Object step : at) {
			node = step instanceof Integer i ? node.get(i) : node.get((String) step);
		}
		return node;
	}

	static void set(JsonNode root, List<Object> at, JsonNode value) {
		JsonNode parent = get(root, at.subList(0, at.size() - 1));
		Object last = at.get(at.size() - 1);
		if (parent instanceof ObjectNode o) {
			o.set((String) last, value);
		}
		else if (parent instanceof ArrayNode a) {
			a.set((Integer) last, value);
		}
	}

	/** The boundary values tried for a field holding this sample value. */
	static List<JsonNode> boundaries(JsonNode sample) {
		List<JsonNode> values = new ArrayList<>();
		if (sample.isNumber()) {
			values.add(NODES.numberNode(new java.math.BigDecimal("1e18")));
			values.add(NODES.numberNode(new java.math.BigDecimal("1e308")));
			values.add(NODES.numberNode(new java.math.BigDecimal("-1e308")));
			values.add(NODES.numberNode(new java.math.BigDecimal("9223372036854775808")));
			values.add(NODES.numberNode(new java.math.BigDecimal("1e999999999")));
			values.add(NODES.numberNode(-1));
			values.add(NODES.numberNode(0));
			values.add(NODES.stringNode("abc"));
		}
		else if (sample.isString()) {
			values.add(NODES.stringNode(LONG_TEXT));
			values.add(NODES.stringNode(""));
			values.add(NODES.objectNode());
			values.add(NODES.numberNode(new java.math.BigDecimal("1e308")));
		}
		else if (sample.isBoolean()) {
			values.add(NODES.stringNode("maybe"));
		}
		else if (sample.isArray()) {
			values.add(NODES.stringNode("x"));
			values.add(NODES.arrayNode().add(NODES.nullNode()));
			values.add(NODES.arrayNode());
		}
		else if (sample.isObject()) {
			values.add(NODES.arrayNode());
		}
		values.add(NODES.nullNode());
		return values;
	}
}
