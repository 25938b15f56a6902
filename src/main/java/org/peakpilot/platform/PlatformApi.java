package org.peakpilot.platform;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users (city administrator), the caller's own API tokens, and the audit log. */
@RestController
@RequestMapping("/api/v1/platform")
@Tag(name = "platform", description = "Users, personal API tokens, audit log")
class PlatformApi {

	/** The audit events one request returns when it names no limit. */
	static final int AUDIT_DEFAULT_LIMIT = 100;
	private static final String USER_ID = "Id of the user · 用户编号";

	private final UserAccounts accounts;
	private final AuditLog audit;

	PlatformApi(UserAccounts accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping("/me")
	@Operation(operationId = "getCurrentUser", summary = "The signed-in user with role and scope · 当前登录用户及其角色与范围")
	UserAccounts.UserView me() {
		return accounts.me();
	}

	@GetMapping("/users")
	@Operation(operationId = "listUsers", summary = "All users (city administrator) · 全部用户（市级管理员）")
	List<UserAccounts.UserView> users() {
		return accounts.users();
	}

	@GetMapping("/users/{id}")
	@Operation(operationId = "getUser", summary = "One user (city administrator) · 单个用户（市级管理员）")
	UserAccounts.UserView user(@Parameter(description = USER_ID, example = "7") @PathVariable long id) {
		return accounts.user(id);
	}

	@PostMapping("/users")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createUser", summary = "Create a user with a role and scope (city administrator) · 新建用户并设定角色与范围（市级管理员）")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @Schema(implementation = UserAccounts.UserForm.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"username": "jiajiang.officer", "displayName": "夹江县发改局 张三", "password": "a-long-passphrase-2026", "role": "COUNTY_OFFICER", "countyCode": "511126", "enabled": true}""")))
	UserAccounts.UserView createUser(@RequestBody UserAccounts.UserForm form) {
		return accounts.createUser(form);
	}

	@PutMapping("/users/{id}")
	@Operation(operationId = "updateUser", summary = "Change a user's name, role, scope or enabled flag (city administrator)"
			+ " · 修改用户的名称、角色、范围或启用状态（市级管理员）")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @Schema(implementation = UserAccounts.UserForm.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"username": "jiajiang.officer", "displayName": "夹江县发改局 张三", "role": "COUNTY_OFFICER", "countyCode": "511126", "enabled": true}""")))
	UserAccounts.UserView updateUser(@Parameter(description = USER_ID, example = "7") @PathVariable long id, @RequestBody UserAccounts.UserForm form) {
		return accounts.updateUser(id, form);
	}

	@PostMapping("/users/{id}/unlock")
	@Operation(operationId = "unlockUser", summary = "End a user's sign-in lock after repeated wrong passwords (city administrator)"
			+ " · 解除用户因多次密码错误导致的登录锁定（市级管理员）")
	UserAccounts.UserView unlock(@Parameter(description = USER_ID, example = "7") @PathVariable long id) {
		return accounts.unlock(id);
	}

	@GetMapping("/tokens")
	@Operation(operationId = "listTokens", summary = "The caller's personal API tokens (secrets are never returned again) · 调用者的个人 API 令牌（密钥不再返回）")
	List<UserAccounts.TokenView> tokens() {
		return accounts.myTokens();
	}

	record NewToken(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = UserAccounts.TOKEN_NAME_MAX, description = "What the token is for, to recognise it later · 令牌用途") String name) {
	}

	@PostMapping("/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createToken", summary = "Create a personal API token; the secret is in this response only · 新建个人 API 令牌（密钥仅在此响应中返回）")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @Schema(implementation = NewToken.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"name": "province platform pull · 省平台拉取"}""")))
	UserAccounts.CreatedToken createToken(@RequestBody NewToken body) {
		return accounts.createToken(body.name());
	}

	@DeleteMapping("/tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "revokeToken", summary = "Revoke one of the caller's tokens · 吊销调用者自己的一个令牌")
	void revoke(@Parameter(description = "Id of one of the caller's tokens · 调用者自己的令牌编号", example = "3") @PathVariable long id) {
		accounts.revokeToken(id);
	}

	@GetMapping("/audit")
	@Operation(operationId = "listAuditEvents", summary = "Audit log, newest first (city administrator); limit 1 to " + QueryLimits.MAX_LIMIT
			+ " (default " + AUDIT_DEFAULT_LIMIT + ") · 审计日志，最新在前（市级管理员）")
	List<AuditLog.AuditEvent> audit(
			@Parameter(description = "Only events about this kind of thing (user, api-token, enterprise, meter, gateway, "
					+ "plan-item, report, …); absent for all · 仅列出该类对象的记录", example = "user") @RequestParam(required = false) String entityType,
			@Parameter(description = "How many events to return, 1 to " + QueryLimits.MAX_LIMIT + " (default "
					+ AUDIT_DEFAULT_LIMIT + ") · 返回条数", schema = @Schema(type = "integer", format = "int32", minimum = "1",
							maximum = "" + QueryLimits.MAX_LIMIT, defaultValue = "" + AUDIT_DEFAULT_LIMIT)) @RequestParam(required = false) Integer limit,
			@Parameter(description = "How many of the newest events to skip, 0 or more · 跳过的条数", schema = @Schema(type = "integer",
					format = "int32", minimum = "0", defaultValue = "0")) @RequestParam(defaultValue = "0") int offset) {
		return audit.recent(entityType, QueryLimits.limit("limit", limit, AUDIT_DEFAULT_LIMIT), QueryLimits.offset("offset", offset));
	}
}
