package org.peakpilot.inclusive.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.peakpilot.inclusive.internal.TourismCertification;
import org.peakpilot.inclusive.internal.TourismCertification.Application;
import org.peakpilot.inclusive.internal.TourismCertification.Certified;
import org.peakpilot.inclusive.internal.TourismCertification.Criteria;
import org.peakpilot.inclusive.internal.TourismCertification.Evidence;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.EvidenceDocument;
import org.peakpilot.platform.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The 2027 tourism certification over REST: partners (scenic spots, tourism enterprises) apply at
 * {@code /api/v1/inclusive/partner/certifications}, the office reviews at {@code /api/v1/inclusive/certifications}, the
 * public reads the certified list at {@code /api/v1/public/inclusive/certified}.
 */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class TourismCertificationApi {

	private final TourismCertification certification;

	TourismCertificationApi(TourismCertification certification) {
		this.certification = certification;
	}

	@Schema(name = "TourismApplicationFields", description = "Statements per criterion · 各条件的说明")
	record TourismApplicationFields(
			@NotNull @Size(max = 50) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "{\"TC1\": \"2025 年用电 120 万 kWh，已按平台因子核算\"}",
					description = "Criterion code → how the applicant meets it, at most 2000 characters each; every criterion that applies is required · "
							+ "条件代码 → 说明（每条不超过 2000 字，适用条件均须填写）") Map<String, String> statements) {
	}

	@Schema(name = "TourismVerdictFields", description = "The office's verdict on one criterion · 单项条件审核结论")
	record TourismVerdictFields(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "TC1", description = "Criterion code · 条件代码") String criterion,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "true", description = "Whether met · 是否满足") Boolean met,
			@Size(max = TourismCertification.REASON_MAX) @Schema(example = "核算报告完整", description = "Reason; required when not met · 理由（不满足时必填）") String reason) {
	}

	@Schema(name = "TourismReviewFields", description = "The office's review: a verdict per criterion · 审核：逐条结论")
	record TourismReviewFields(
			@NotNull @Size(max = 50) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "One verdict per criterion of the application · "
					+ "申请的每项条件一条结论") List<@Valid TourismVerdictFields> verdicts,
			@Size(max = TourismCertification.COMMENT_MAX) @Schema(example = "材料齐全，予以认证", description = "A comment · 审核意见") String comment) {
	}

	@GetMapping("/api/v1/public/inclusive/certified")
	@Operation(operationId = "listCertifiedTourismSites", summary = "Certified low-carbon scenic spots and enterprises (public) · 已认证低碳景区和企业（公开）")
	List<Certified> certified() {
		return certification.certified();
	}

	@GetMapping("/api/v1/public/inclusive/certification-criteria")
	@Operation(operationId = "getTourismCertificationCriteria", summary = "The tourism certification's criteria (public) · 旅游低碳认证条件（公开）")
	Criteria publicCriteria() {
		return certification.criteria();
	}

	// ------------------------------------------------------------ the applicant

	@GetMapping("/api/v1/inclusive/partner/certifications")
	@Operation(operationId = "listPartnerTourismApplications", summary = "The partner's tourism-certification applications · 合作方的旅游认证申请")
	List<Application> partnerList() {
		return certification.applications();
	}

	@PostMapping("/api/v1/inclusive/partner/certifications")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "applyTourismCertification", summary = "Start an application (a draft) · 发起旅游低碳认证申请（草稿）", description = """
			A scenic-area partner applies as a scenic spot, any other as an enterprise; a statement for every criterion that applies. 409
			while another application is open or the partner is certified.
			景区类合作方按景区申请，其他按企业申请；适用的每项条件均须说明。已有未结申请或已认证时 409。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = TourismApplicationFields.class), examples = @ExampleObject(name = "hotel · 酒店", value = """
					{"statements": {"TC1": "2025 年用电 120 万 kWh、天然气 3 万 m³，已按平台因子核算", "TC2": "前台设碳普惠打卡二维码",
					 "TC4": "客房不主动提供一次性用品，垃圾四分类", "TC5": "客房放置低碳出行指引", "TC6": "主要设备分项计量，空调改造记录"}}""")))
	Application apply(@Valid @RequestBody TourismApplicationFields body) {
		return certification.apply(body.statements());
	}

	@GetMapping("/api/v1/inclusive/partner/certifications/{id}")
	@Operation(operationId = "getPartnerTourismApplication", summary = "One of the partner's applications · 合作方的单个申请")
	Application partnerGet(@Parameter(description = "The application's id · 申请编号", example = "4") @PathVariable long id) {
		return certification.application(id);
	}

	@PostMapping(path = "/api/v1/inclusive/partner/certifications/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "addTourismEvidence", summary = "Attach an evidence document to a draft · 为草稿上传证明材料",
			description = "PDF, PNG or JPEG (by content), at most 10 MiB, stored with its SHA-256. · PDF、PNG 或 JPEG，不超过 10 MiB，保存 SHA-256。")
	Evidence addEvidence(@Parameter(description = "The application's id · 申请编号", example = "4") @PathVariable long id,
			@Parameter(description = "The criterion it proves; absent: the whole application · 对应条件代码", example = "TC1") @RequestParam(name = "criterion", required = false) String criterion,
			@Parameter(description = "The document · 证明材料") @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		return certification.addEvidence(id, criterion, file == null ? null : file.getOriginalFilename(), bytes);
	}

	@PostMapping("/api/v1/inclusive/partner/certifications/{id}/submit")
	@Operation(operationId = "submitTourismApplication", summary = "Submit a draft for review · 提交申请待审核",
			description = "422 while a criterion that requires evidence has none. · 须附材料的条件缺材料时 422。")
	Application submit(@Parameter(description = "The application's id · 申请编号", example = "4") @PathVariable long id) {
		return certification.submit(id);
	}

	@GetMapping("/api/v1/inclusive/partner/certifications/{id}/evidence/{evidenceId}")
	@ApiResponse(responseCode = "200", description = "The document · 证明材料", content = {
			@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
	@Operation(operationId = "getPartnerTourismEvidence", summary = "An evidence document of the partner's application · 下载本方证明材料")
	ResponseEntity<byte[]> partnerEvidence(@Parameter(description = "The application's id · 申请编号", example = "4") @PathVariable long id,
			@Parameter(description = "The document's id · 材料编号", example = "9") @PathVariable long evidenceId) {
		return file(certification.evidenceContent(id, evidenceId), evidenceId);
	}

	// ------------------------------------------------------------ the office

	@GetMapping("/api/v1/inclusive/certifications")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listTourismApplications", summary = "Tourism-certification applications, submitted first · 旅游认证申请（待审核在前）")
	List<Application> list() {
		return certification.applications();
	}

	@GetMapping("/api/v1/inclusive/certifications/criteria")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "getTourismCriteria", summary = "The criteria in force and their version · 现行认证条件及版本")
	Criteria criteria() {
		return certification.criteria();
	}

	@GetMapping("/api/v1/inclusive/certifications/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "getTourismApplication", summary = "One application · 单个认证申请")
	Application get(@Parameter(description = "The application's id · 申请编号", example = "4") @PathVariable long id) {
		return certification.application(id);
	}

	@GetMapping("/api/v1/inclusive/certifications/{id}/evidence/{evidenceId}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@ApiResponse(responseCode = "200", description = "The document · 证明材料", content = {
			@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
	@Operation(operationId = "getTourismEvidence", summary = "An evidence document · 下载证明材料")
	ResponseEntity<byte[]> evidence(@Parameter(description = "The application's id · 申请编号", example = "4") @PathVariable long id,
			@Parameter(description = "The document's id · 材料编号", example = "9") @PathVariable long evidenceId) {
		return file(certification.evidenceContent(id, evidenceId), evidenceId);
	}

	@PostMapping("/api/v1/inclusive/certifications/{id}/review")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "reviewTourismApplication", summary = "Review: a verdict per criterion; all met certifies · 逐条审核：全部满足即认证", description = """
			A verdict for every criterion of the application, a reason for each one not met. All met: CERTIFIED with a serial and today's date
			(Beijing); otherwise REJECTED. 409 unless submitted. Audited.
			申请的每项条件一条结论，不满足须说明理由。全部满足即认证（编号、当日北京时间日期），否则驳回。非已提交状态 409。记录审计。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = TourismReviewFields.class), examples = @ExampleObject(name = "reject · 驳回", value = """
					{"verdicts": [{"criterion": "TC1", "met": true}, {"criterion": "TC2", "met": false, "reason": "未见打卡二维码照片"}],
					 "comment": "请补充 TC2 材料后重新申请"}""")))
	Application review(@Parameter(description = "The application's id · 申请编号", example = "4") @PathVariable long id,
			@Valid @RequestBody TourismReviewFields body) {
		return certification.review(id, body.verdicts().stream()
			.map(v -> v == null ? null : new TourismCertification.Verdict(v.criterion(), v.met(), v.reason())).toList(), body.comment());
	}

	private static ResponseEntity<byte[]> file(EvidenceDocument doc, long id) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(doc.defaultName("evidence-" + id)).build().toString())
			.contentType(MediaType.parseMediaType(doc.contentType())).body(doc.bytes());
	}
}
