package org.peakpilot.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI document of {@code /api/v1} as integrators need it to generate a client: the product's info, the
 * three ways to authenticate, who may call each operation (from {@link ApiAccess} and {@link ApiRoles}, the rules
 * the server enforces), one problem-details schema on every error an operation can answer, and a guard against
 * two types documented under one schema name. The rules every module's API follows are in docs/adr/0015-api-rules.md.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String BASIC = "basicAuth";
	static final String PERSONAL_TOKEN = "personalToken";
	static final String DEVICE_TOKEN = "deviceToken";
	static final String PROBLEM = "Problem";
	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
	static final String ROLES_EXTENSION = "x-peakpilot-roles";
	static final String COLLISIONS_EXTENSION = "x-peakpilot-schema-name-collisions";

	private static final String DESCRIPTION = """
			The API of PeakPilot, the management platform of a city's carbon-peak pilot: the pilot plan and its \
			indicators, the registry of enterprises, emissions accounting (calculator, monthly reports, results, city \
			inventory) and online energy monitoring (meters, gateways, readings, alarms).

			PeakPilot 碳达峰试点管理平台的接口：试点方案与指标、企业名录、碳排放核算（计算器、月度报送、核算结果、城市清单）\
			以及能耗在线监测（表计、采集终端、读数、告警）。

			**Authentication · 认证**: HTTP Basic (user name and password), or a personal token `Authorization: Bearer ppt_…` \
			(created under `/api/v1/platform/tokens`); a meter gateway sends readings with its device token \
			`Authorization: Bearer ppd_…`. Operations under `/api/v1/public/` need none. Each operation states the roles \
			it is for (`x-peakpilot-roles`); the caller's scope (county, park, enterprise) filters what it sees.
			HTTP Basic（用户名与密码）或个人令牌 `Bearer ppt_…`；采集终端以设备令牌 `Bearer ppd_…` 上传读数；\
			`/api/v1/public/` 下的接口无需认证。每个接口注明所需角色，数据范围按用户所属区县、园区、企业过滤。

			**Errors · 错误**: every error is an RFC 9457 problem (`application/problem+json`, schema `Problem`); \
			invalid input lists each field (and row, for files) under `errors`.
			所有错误均为 RFC 9457 problem 格式；输入错误在 `errors` 中逐项列出字段（及文件行号）。

			**Versioning · 版本**: everything under `/api/v1` stays compatible: fields and operations are only added, \
			never renamed, retyped or removed within v1. Anything to be removed is first marked `deprecated` here and \
			answered with the headers `Deprecation` (RFC 9745) and `Sunset` (RFC 8594) for at least six months; an \
			incompatible change comes as `/api/v2` beside v1.
			`/api/v1` 保持向后兼容：只增加字段和接口，不改名、不改类型、不删除。计划删除的内容先在本文档标记为 deprecated，\
			并在响应中带 `Deprecation` 与 `Sunset` 头至少六个月；不兼容的变更以 `/api/v2` 并行发布。

			Quantities carry their unit in their description (tCO2, tce, kWh, GJ, 万元 10k CNY); times are ISO-8601, \
			Beijing time (UTC+08:00) where no offset is given. 数量在说明中注明单位；时间为 ISO-8601，未带时区即北京时间。""";

	/** The answers every operation can give besides its own, with the problem each stands for. */
	private static final Map<String, String> ERRORS = new LinkedHashMap<>();
	static {
		ERRORS.put("400", "Bad request · 请求有误: a parameter or the body is invalid; `errors` names each field (and row)");
		ERRORS.put("401", "Not authenticated · 未认证: HTTP Basic or a Bearer token is missing or wrong");
		ERRORS.put("403", "Forbidden · 无权限: the caller's role or scope does not allow this");
		ERRORS.put("404", "Not found · 不存在: no such record, or it lies outside the caller's scope");
		ERRORS.put("409", "Conflict · 冲突: the record's state does not allow this (e.g. already submitted or closed), or it exists already");
		ERRORS.put("413", "Content too large · 内容过大: the upload or batch exceeds the limit; nothing was stored");
		ERRORS.put("422", "Rule violation · 违反业务规则: the request is well-formed but a rule of the pilot refuses it; nothing was written");
		ERRORS.put("429", "Too many failed sign-ins · 登录失败次数过多: the account or address is locked; see Retry-After");
		ERRORS.put("503", "Database unavailable · 数据库暂不可用: nothing was written; send the same request again after Retry-After seconds");
	}

	@Bean
	OpenAPI peakPilotOpenApi(ObjectProvider<BuildProperties> build,
			@Value("${peakpilot.api.contact.name:PeakPilot 碳达峰试点工作推进组办公室 · pilot office}") String contactName,
			@Value("${peakpilot.api.contact.email:}") String contactEmail,
			@Value("${peakpilot.api.contact.url:}") String contactUrl,
			@Value("${peakpilot.api.license.name:Proprietary · 专有，仅供试点城市及其合作方使用}") String licenseName,
			@Value("${peakpilot.api.license.identifier:LicenseRef-PeakPilot-Proprietary}") String licenseIdentifier,
			@Value("${peakpilot.api.license.url:}") String licenseUrl) {
		BuildProperties properties = build.getIfAvailable();
		Contact contact = new Contact().name(contactName);
		if (!contactEmail.isBlank()) {
			contact.email(contactEmail);
		}
		if (!contactUrl.isBlank()) {
			contact.url(contactUrl);
		}
		License license = new License().name(licenseName);
		if (!licenseUrl.isBlank()) {
			license.url(licenseUrl);
		}
		else {
			license.identifier(licenseIdentifier);
		}
		return new OpenAPI()
			.info(new Info().title("PeakPilot 碳达峰试点管理平台 API")
				.version(properties != null ? properties.getVersion() : "development")
				.description(DESCRIPTION)
				.contact(contact)
				.license(license))
			.components(new Components()
				.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
					.description("User name and password of a PeakPilot user · 平台用户的用户名与密码"))
				.addSecuritySchemes(PERSONAL_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
					.bearerFormat("ppt_…").description("A user's personal API token (`ppt_…`, created under /api/v1/platform/tokens); "
							+ "it acts with the user's role and scope · 个人 API 令牌，权限同其用户"))
				.addSecuritySchemes(DEVICE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
					.bearerFormat("ppd_…").description("A meter gateway's device token (`ppd_…`, shown once when the gateway is "
							+ "registered or its token rotated); good for sending readings and status only · 采集终端设备令牌，仅可上传读数与状态"))
				)
			.addSecurityItem(new SecurityRequirement().addList(BASIC))
			.addSecurityItem(new SecurityRequirement().addList(PERSONAL_TOKEN));
	}

	/** {@link ApiRoles} of the handler into the operation (read by {@link #peakPilotOperations}); {@link ApiDeprecation}. */
	@Bean
	OperationCustomizer peakPilotRoles() {
		return (operation, handler) -> {
			ApiRoles roles = handler.getMethodAnnotation(ApiRoles.class);
			if (roles != null) {
				operation.addExtension(ROLES_EXTENSION, Arrays.stream(roles.value()).map(Role::name).toList());
			}
			ApiDeprecation deprecation = handler.getMethodAnnotation(ApiDeprecation.class);
			if (deprecation != null) {
				operation.setDeprecated(true);
				String line = "Deprecated since " + deprecation.since() + ", removed after " + deprecation.sunset()
						+ (deprecation.successor().isEmpty() ? "" : "; use " + deprecation.successor() + " instead")
						+ " · 已弃用，" + deprecation.sunset() + " 后移除（响应头 Deprecation、Sunset）";
				operation.setDescription(operation.getDescription() == null ? line : operation.getDescription() + "\n\n" + line);
			}
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer peakPilotOperations(SchemaNames names) {
		return openApi -> {
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> document(path, HttpMethod.valueOf(method.name()), operation)));
			// added here, once referenced: springdoc drops schemas no operation refers to
			Components components = openApi.getComponents();
			if (components.getSchemas() != null) {
				components.getSchemas().remove("ProblemDetail");
			}
			components.addSchemas(PROBLEM, problemSchema()).addSchemas("InputError", inputErrorSchema());
			// a defect of the code, not of the request: shown in the document, where OpenApiRulesTests fails on it
			if (!names.collisions().isEmpty()) {
				openApi.addExtension(COLLISIONS_EXTENSION, names.collisions());
			}
		};
	}

	/** Security, roles and error answers of one operation, from the rules the server enforces. */
	static void document(String path, HttpMethod method, Operation operation) {
		ApiAccess.Rule rule = ApiAccess.ruleFor(method, path);
		List<String> roles;
		if (rule.isPublic()) {
			operation.setSecurity(new ArrayList<>());
			roles = List.of();
		}
		else {
			List<SecurityRequirement> security = new ArrayList<>();
			if (rule.takesDeviceTokens()) {
				security.add(new SecurityRequirement().addList(DEVICE_TOKEN));
			}
			security.add(new SecurityRequirement().addList(BASIC));
			security.add(new SecurityRequirement().addList(PERSONAL_TOKEN));
			operation.setSecurity(security);
			@SuppressWarnings("unchecked")
			List<String> narrowed = operation.getExtensions() == null ? null
					: (List<String>) operation.getExtensions().get(ROLES_EXTENSION);
			roles = narrowed != null ? narrowed : rule.roles().stream().map(Role::name).toList();
			operation.addExtension(ROLES_EXTENSION, roles);
		}
		String line = rule.isPublic() ? "Public, no authentication · 公开，无需认证"
				: "Roles · 角色: " + String.join(", ", roles)
						+ (rule.takesDeviceTokens() ? " (a gateway's device token included · 含采集终端设备令牌)" : "")
						+ "; data limited to the caller's scope · 数据限于调用者范围";
		String description = operation.getDescription();
		operation.setDescription(description == null || description.isBlank() ? line : description.strip() + "\n\n" + line);

		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		operation.setResponses(responses);
		List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
		boolean reads = !parameters.isEmpty() || operation.getRequestBody() != null;
		boolean upload = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
				&& operation.getRequestBody().getContent().containsKey(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE);
		boolean write = method != HttpMethod.GET && method != HttpMethod.HEAD;
		if (reads) {
			error(responses, "400");
		}
		if (!rule.isPublic()) {
			error(responses, "401");
			error(responses, "403");
			error(responses, "429");
		}
		if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
			error(responses, "404");
		}
		if (write) {
			error(responses, "409");
			error(responses, "422");
		}
		if (upload) {
			error(responses, "413");
		}
		error(responses, "503");
		// every error answer, also those an operation declares itself, carries the one problem schema
		responses.forEach((code, response) -> {
			if (code.startsWith("4") || code.startsWith("5")) {
				problemContent(response);
			}
			else if (Boolean.TRUE.equals(operation.getDeprecated())) {
				response.addHeaderObject("Deprecation", new Header().description("RFC 9745: @<epoch seconds> of the day it was deprecated")
					.schema(new StringSchema()));
				response.addHeaderObject("Sunset", new Header().description("RFC 8594: the HTTP date after which it may be removed")
					.schema(new StringSchema()));
			}
		});
	}

	private static void error(ApiResponses responses, String code) {
		if (!responses.containsKey(code)) {
			ApiResponse response = new ApiResponse().description(ERRORS.get(code));
			if (code.equals("429") || code.equals("503")) {
				response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again · 重试前等待的秒数")
					.schema(new IntegerSchema()));
			}
			responses.addApiResponse(code, response);
		}
	}

	private static void problemContent(ApiResponse response) {
		MediaType declared = response.getContent() == null ? null : response.getContent().values().stream().findFirst().orElse(null);
		MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
		// an operation's own example of its problem is kept (one of example and examples: both is invalid)
		if (declared != null && declared.getExamples() != null && !declared.getExamples().isEmpty()) {
			media.setExamples(declared.getExamples());
		}
		else if (declared != null) {
			media.setExample(declared.getExample());
		}
		response.setContent(new Content().addMediaType(PROBLEM_JSON, media));
	}

	static Schema<?> problemSchema() {
		return new ObjectSchema()
			.description("An RFC 9457 problem: what went wrong, for every error answer · RFC 9457 错误详情")
			.addProperty("type", new StringSchema().format("uri-reference")
				.description("The kind of problem, e.g. /problems/invalid-input, /problems/not-found, /problems/rule-violation · 问题类型")
				.example("/problems/invalid-input"))
			.addProperty("title", new StringSchema().description("The HTTP status's phrase · 状态说明").example("Bad Request"))
			.addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599))
				.description("The HTTP status code · HTTP 状态码").example(400))
			.addProperty("detail", new StringSchema().description("What went wrong, for a person · 具体说明")
				.example("uscc: not a valid unified social credit code"))
			.addProperty("instance", new StringSchema().format("uri-reference").description("The request's path · 请求路径"))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/InputError"))
				.description("Each invalid field (and row, for files), for invalid input · 逐项列出的输入错误"))
			.addRequiredItem("type").addRequiredItem("title").addRequiredItem("status");
	}

	/** {@link InputError}. */
	static Schema<?> inputErrorSchema() {
		return new ObjectSchema()
			.description("One thing wrong with the input · 一项输入错误")
			.addProperty("field", new StringSchema().description("The field's path in the body (lines[2].unit), the parameter, "
					+ "or a file's column · 字段路径、参数名或文件列").example("lines[2].unit"))
			.addProperty("row", new IntegerSchema().minimum(java.math.BigDecimal.ONE)
				.description("For files: the 1-based row as a spreadsheet program shows it · 文件中的行号（从 1 起）").example(3))
			.addProperty("message", new StringSchema().description("What is wrong with it · 错误说明").example("must be one of t, kg"))
			.addRequiredItem("field").addRequiredItem("message");
	}

	/** Every type documented as a schema, by its name: two types under one name are reported by {@link #collisions()}. */
	@Bean
	SchemaNames schemaNames() {
		return new SchemaNames();
	}

	/**
	 * Records which Java type each schema name stands for while springdoc resolves them; springdoc itself would
	 * silently document one of two types that share a simple name ({@code Industry} of the registry and of the
	 * inventory) and drop the other's fields.
	 */
	static final class SchemaNames implements ModelConverter {

		private final Map<String, Class<?>> types = new ConcurrentHashMap<>();
		private final Map<String, List<String>> collisions = new ConcurrentHashMap<>();

		@Override
		public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
			Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
			if (schema != null && type.getType() != null) {
				JavaType javaType = Json.mapper().constructType(type.getType());
				Class<?> raw = javaType.getRawClass();
				String name = schema.getName() != null ? schema.getName()
						: schema.get$ref() != null && schema.get$ref().startsWith("#/components/schemas/")
								? schema.get$ref().substring("#/components/schemas/".length()) : null;
				if (name != null && !javaType.isContainerType() && raw.getName().startsWith("org.peakpilot.")) {
					Class<?> before = types.putIfAbsent(name, raw);
					if (before != null && before != raw) {
						collisions.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>(List.of(before.getName())))
							.add(raw.getName());
					}
				}
			}
			return schema;
		}

		/** Schema names that stand for more than one Java type, with the types. */
		Map<String, List<String>> collisions() {
			return collisions.entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().distinct().toList()));
		}
	}
}
