package org.peakpilot.inclusive.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.inclusive.internal.Partners;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The office registers partners over REST (the same as /inclusive/office/partners): their user and signing secret, shown once. */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class InclusivePartnerApi {

	private final Partners partners;

	InclusivePartnerApi(Partners partners) {
		this.partners = partners;
	}

	@Schema(name = "InclusivePartnerForm", description = "A partner to register · 待登记的合作方")
	record InclusivePartnerForm(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Partners.CODE_PATTERN, example = "LS-BUS",
					description = "The partner's code, 2 to 32 capitals, digits, '_' or '-' · 合作方编码") String code,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Partners.NAME_MAX, example = "乐山市公交集团",
					description = "Name · 名称") String name,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What kind of partner · 合作方类型") Partners.Kind kind,
			@Schema(pattern = "^\\d{6}$", example = "511102", description = "Its county (GB/T 2260), optional · 所在区县代码") String countyCode,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = org.peakpilot.platform.UserAccounts.USERNAME_PATTERN,
					example = "ls-bus", description = "Sign-in name of the partner's PARTNER user · 合作方用户登录名") String username) {
	}

	@Schema(name = "CreatedInclusivePartner", description = "The partner as registered, with the user's initial password and the signing secret shown this once · 新登记的合作方（初始密码和签名密钥仅此一次返回）")
	record CreatedInclusivePartner(
			@Schema(description = "Id of the partner · 合作方编号") long id,
			@Schema(description = "Code · 编码") String code,
			@Schema(description = "Id of its PARTNER user · 用户编号") long userId,
			@Schema(description = "Sign-in name · 登录名") String username,
			@Schema(description = "The user's initial password; change it at /account · 初始密码") String initialPassword,
			@Schema(description = "The signing secret of trip batches (\"pps_\" and 64 hex digits) · 出行批次签名密钥") String signingSecret) {
	}

	@PostMapping("/api/v1/inclusive/partners")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles(Role.CITY_ADMIN)
	@Operation(operationId = "createInclusivePartner", summary = "Register a partner with its user and signing secret (city administrator) · 登记合作方及其用户和签名密钥（市级管理员）")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = InclusivePartnerForm.class), examples = @ExampleObject(name = "bus operator · 公交公司", value = """
					{"code": "LS-BUS", "name": "乐山市公交集团", "kind": "TRANSIT", "countyCode": "511102", "username": "ls-bus"}""")))
	CreatedInclusivePartner create(@RequestBody InclusivePartnerForm form) {
		Partners.CreatedPartner c = partners.create(new Partners.PartnerForm(form.code(), form.name(), form.kind(), form.countyCode(), form.username()));
		return new CreatedInclusivePartner(c.partner().id(), c.partner().code(), c.userId(), c.username(), c.initialPassword(), c.signingSecret());
	}
}
