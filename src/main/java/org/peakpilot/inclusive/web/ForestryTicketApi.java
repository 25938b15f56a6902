package org.peakpilot.inclusive.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.peakpilot.inclusive.internal.ForestryProjects;
import org.peakpilot.inclusive.internal.ForestryProjects.Project;
import org.peakpilot.inclusive.internal.ForestryProjects.ProjectInput;
import org.peakpilot.inclusive.internal.TicketRegistry;
import org.peakpilot.inclusive.internal.TicketRegistry.DocumentKind;
import org.peakpilot.inclusive.internal.TicketRegistry.HolderKind;
import org.peakpilot.inclusive.internal.TicketRegistry.LotStatus;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Forestry carbon tickets (林业碳票) over REST: projects and their workflow, issuance, holders, lots, transfers with
 * prices, pledges, retirements and documents. The forestry bureau's officer and the city's roles operate them.
 */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class ForestryTicketApi {

	static final int MAX_PAGE = 500;

	private final ForestryProjects projects;
	private final TicketRegistry tickets;

	ForestryTicketApi(ForestryProjects projects, TicketRegistry tickets) {
		this.projects = projects;
		this.tickets = tickets;
	}

	// ---------------------------------------------------------------- projects

	@GetMapping("/api/v1/inclusive/forestry/projects")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listForestryProjects", summary = "Forestry carbon-sink projects · 林业碳汇项目列表",
			description = "Newest first, optionally of one workflow state · 按时间倒序，可按流程状态筛选")
	List<Project> list(@Parameter(description = "Workflow state · 流程状态") @RequestParam(required = false) ForestryProjects.Status status,
			@Parameter(description = "At most this many, 1–500 · 条数上限") @RequestParam(defaultValue = "100") int limit,
			@Parameter(description = "Skip this many · 跳过条数") @RequestParam(defaultValue = "0") int offset) {
		return projects.list(status, page(limit), offset(offset));
	}

	@PostMapping("/api/v1/inclusive/forestry/projects")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "createForestryProject", summary = "Create a forestry carbon-sink project (draft) · 新建林业碳汇项目（草稿）",
			description = """
					County, owner of the forest rights (who receives the tickets), monitoring period, increment method with version,
					parcels with their forest-right certificates (林权证号), area in 亩 and species, and the increment per year of the period (tCO2).
					区县、林权权利人（碳票持有人）、监测期、碳汇增量方法学及版本、地块（林权证号、面积（亩）、树种）及监测期内各年度碳汇增量（吨二氧化碳）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ProjectInput.class), examples = @ExampleObject(name = "bamboo project · 竹林碳汇项目", value = PROJECT_EXAMPLE)))
	Project create(@RequestBody ProjectInput body) {
		return projects.create(body);
	}

	static final String PROJECT_EXAMPLE = """
			{"name": "沐川县竹林碳汇项目（第一监测期）", "county_code": "511129", "owner_name": "沐川县林业合作社", "owner_kind": "COLLECTIVE",
			 "period_start": "2021-01-01", "period_end": "2025-12-31", "period_no": 1, "method_code": "SMCER-FC-V1",
			 "parcels": [{"certificate_no": "川(2019)沐川县林权第0012345号", "area_mu": 3197, "species": "BAMBOO", "location": "沐川县沐溪镇"}],
			 "increments": [{"year": 2021, "increment_t": 2500}, {"year": 2022, "increment_t": 2550}, {"year": 2023, "increment_t": 2560},
			   {"year": 2024, "increment_t": 2555}, {"year": 2025, "increment_t": 2558}]}""";

	@GetMapping("/api/v1/inclusive/forestry/projects/{id}")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "getForestryProject", summary = "A forestry project with parcels, figures, steps, documents and issuance · 林业碳汇项目详情")
	Project get(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id) {
		return projects.get(id);
	}

	@PutMapping("/api/v1/inclusive/forestry/projects/{id}")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "updateForestryProject", summary = "Edit a draft forestry project · 修改草稿林业碳汇项目", description = "Drafts only (409 afterwards) · 仅限草稿")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ProjectInput.class), examples = @ExampleObject(name = "bamboo project · 竹林碳汇项目", value = PROJECT_EXAMPLE)))
	Project update(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id, @RequestBody ProjectInput body) {
		return projects.update(id, body);
	}

	@PostMapping("/api/v1/inclusive/forestry/projects/{id}/submit")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "submitForestryProject", summary = "Submit a draft for third-party verification · 提交第三方核证")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ForestryCommentBody.class), examples = @ExampleObject(name = "comment · 说明", value = "{\"comment\": \"监测报告已上传\"}")))
	Project submit(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id,
			@RequestBody(required = false) ForestryCommentBody body) {
		return projects.submit(id, body == null ? null : body.comment());
	}

	@PostMapping("/api/v1/inclusive/forestry/projects/{id}/verification")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "verifyForestryProject", summary = "Record the third-party verification · 录入第三方核证结果",
			description = "Submitted projects only; the verified increment is above 0 and at most the claimed one · 仅限已提交项目；核证增量大于 0 且不超过申报增量")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ForestryVerificationBody.class), examples = @ExampleObject(name = "verification · 核证",
					value = "{\"verifier_name\": \"四川省林业科学研究院\", \"verification_reference\": \"川林科核〔2026〕15号\", \"verified_on\": \"2026-03-15\", \"verified_increment_t\": 12723}")))
	Project verify(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id, @RequestBody ForestryVerificationBody body) {
		ForestryVerificationBody b = required(body);
		return projects.verify(id, new ForestryProjects.Verification(b.verifierName(), b.reference(), b.verifiedOn(), b.verifiedIncrementT()));
	}

	@PostMapping("/api/v1/inclusive/forestry/projects/{id}/approval")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "approveForestryProject", summary = "Record the forestry bureau's approval · 录入林业主管部门审批",
			description = "Verified projects only · 仅限已核证项目")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ForestryApprovalBody.class), examples = @ExampleObject(name = "approval · 审批",
					value = "{\"approved_by\": \"乐山市林业局\", \"approval_reference\": \"乐市林发〔2026〕30号\", \"approved_on\": \"2026-04-01\"}")))
	Project approve(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id, @RequestBody ForestryApprovalBody body) {
		ForestryApprovalBody b = required(body);
		return projects.approve(id, new ForestryProjects.Approval(b.approvedBy(), b.reference(), b.approvedOn()));
	}

	@PostMapping("/api/v1/inclusive/forestry/projects/{id}/rejection")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "rejectForestryProject", summary = "Reject a project with the reason · 驳回林业碳汇项目",
			description = "Submitted, verified or approved (not yet issued) projects · 已提交、已核证或已批准（未签发）的项目")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ForestryRejectionBody.class), examples = @ExampleObject(name = "rejection · 驳回",
					value = "{\"reason\": \"地块林权证与监测报告不一致\"}")))
	Project reject(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id, @RequestBody ForestryRejectionBody body) {
		return projects.reject(id, body == null ? null : body.reason());
	}

	@PostMapping("/api/v1/inclusive/forestry/projects/{id}/issuance")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "issueCarbonTickets", summary = "Issue an approved project's carbon tickets · 签发林业碳票", description = """
			floor(verified increment) tickets of 1 tCO2 with serials, to the project's owner, in one ledger transaction. They are drawn from
			the budget's record of verified sinks (sink ledger) of the project's county for the years of its increment figures and withdrawn
			from the budget's sink credit; 422 naming the figures when the verified sinks do not cover them (a tonne is never both credited
			to the city and sold as a ticket).
			按核证增量（取整）签发每张 1 吨的碳票给项目权利人（一笔账本交易）。碳票取自预算碳汇台账中项目所在区县相应年度的核证碳汇，并从预算碳汇抵扣中扣除；
			核证碳汇不足时返回 422 并列出数字（同一吨不会既抵扣城市预算又作为碳票出售）。""")
	Project issue(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id) {
		return projects.issue(id);
	}

	@PostMapping(path = "/api/v1/inclusive/forestry/projects/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "uploadForestryProjectDocument", summary = "Attach a document to a project · 上传项目材料",
			description = "PDF, PNG or JPEG, at most 10 MiB, stored with its SHA-256 · PDF、PNG 或 JPEG，不超过 10 MiB，保存 SHA-256")
	TicketRegistry.StoredDocument uploadProjectDocument(@Parameter(description = "The project's id · 项目编号", example = "1") @PathVariable long id,
			@Parameter(description = "What it is · 材料类型") @RequestParam(required = false) DocumentKind kind,
			@Parameter(description = "The document · 文件") @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
		return tickets.attach(id, null, kind, file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes());
	}

	@GetMapping("/api/v1/inclusive/tickets/documents/{id}")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@ApiResponse(responseCode = "200", description = "The stored document · 已保存的文件", content = {
			@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
	@Operation(operationId = "downloadCarbonTicketDocument", summary = "A project's or trade's document · 下载碳票业务材料")
	ResponseEntity<byte[]> document(@Parameter(description = "The document's id · 文件编号", example = "1") @PathVariable long id) {
		TicketRegistry.DocumentContent d = tickets.document(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(d.contentType())).body(d.bytes());
	}

	// ---------------------------------------------------------------- tickets

	@GetMapping("/api/v1/inclusive/tickets/holders")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listCarbonTicketHolders", summary = "Holders of carbon tickets with their balances · 碳票持有人及余额")
	List<TicketRegistry.Holder> holders() {
		return tickets.holders();
	}

	@GetMapping("/api/v1/inclusive/tickets")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listCarbonTicketLots", summary = "Carbon tickets by lot (serial ranges) · 碳票（按编号段）",
			description = "Newest first, optionally of one holder and state · 按时间倒序，可按持有人和状态筛选")
	List<TicketRegistry.TicketLot> lots(@Parameter(description = "Holder id · 持有人编号") @RequestParam(name = "holder_id", required = false) Long holderId,
			@Parameter(description = "State · 状态") @RequestParam(required = false) LotStatus status,
			@Parameter(description = "At most this many, 1–500 · 条数上限") @RequestParam(defaultValue = "100") int limit,
			@Parameter(description = "Skip this many · 跳过条数") @RequestParam(defaultValue = "0") int offset) {
		return tickets.lots(holderId, status, page(limit), offset(offset));
	}

	@GetMapping("/api/v1/inclusive/tickets/trades")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listCarbonTicketTrades", summary = "The tickets' history: issues, transfers with prices, pledges, retirements · 碳票业务记录（含成交价）")
	List<TicketRegistry.Trade> trades(@Parameter(description = "ISSUE, TRANSFER, PLEDGE, RELEASE, RETIRE or EXPIRE · 类型")
			@RequestParam(required = false) TradeKind kind,
			@Parameter(description = "At most this many, 1–500 · 条数上限") @RequestParam(defaultValue = "100") int limit,
			@Parameter(description = "Skip this many · 跳过条数") @RequestParam(defaultValue = "0") int offset) {
		return tickets.trades(kind == null ? null : kind.name(), page(limit), offset(offset));
	}

	/** Kinds of trade. */
	@Schema(name = "CarbonTicketTradeKind", description = "Kind of ticket operation · 碳票业务类型")
	enum TradeKind {
		ISSUE, TRANSFER, PLEDGE, RELEASE, RETIRE, EXPIRE
	}

	@PostMapping("/api/v1/inclusive/tickets/transfers")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "transferCarbonTickets", summary = "Transfer tickets to another holder at a price · 碳票转让", description = """
			The first quantity tickets of a lot, or listed serials of one holder; each usable (not pledged, retired or expired: 409 naming it).
			One ledger transaction; the price enters the price history.
			按批次取前若干张，或列出同一持有人的编号；须可用（质押、已注销或过期时返回 409）。一笔账本交易；成交价计入价格历史。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CarbonTicketTransferBody.class), examples = @ExampleObject(name = "transfer · 转让",
					value = "{\"lot_id\": 1, \"quantity\": 2723, \"to_holder_name\": \"乐山市文化广电旅游局\", \"to_holder_kind\": \"PUBLIC_BODY\", \"price_cny_per_t\": 15, \"traded_on\": \"2026-05-18\"}")))
	TicketRegistry.Trade transfer(@RequestBody CarbonTicketTransferBody body) {
		CarbonTicketTransferBody b = required(body);
		return tickets.transfer(new TicketRegistry.TransferOrder(new TicketRegistry.Selection(b.lotId(), b.quantity(), b.serials()), b.toHolderName(),
				b.toHolderKind(), b.priceCnyPerT(), b.tradedOn(), b.memo()));
	}

	@PostMapping("/api/v1/inclusive/tickets/pledges")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "pledgeCarbonTickets", summary = "Pledge tickets to a bank (locked until released) · 碳票质押", description = """
			The tickets move from the holder's account to its pledged account (one ledger transaction) and cannot be transferred or retired
			until the pledge is released. 碳票从持有账户转入质押账户（一笔账本交易），解押前不能转让或注销。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CarbonTicketPledgeBody.class), examples = @ExampleObject(name = "pledge · 质押",
					value = "{\"lot_id\": 1, \"quantity\": 10000, \"pledgee_bank\": \"乐山市商业银行沐川支行\", \"loan_reference\": \"乐商银质〔2026〕001号\", \"loan_cny\": 5000000, \"pledged_on\": \"2026-05-20\"}")))
	TicketRegistry.Pledge pledge(@RequestBody CarbonTicketPledgeBody body) {
		CarbonTicketPledgeBody b = required(body);
		return tickets.pledge(new TicketRegistry.PledgeOrder(new TicketRegistry.Selection(b.lotId(), b.quantity(), b.serials()), b.pledgeeBank(),
				b.loanReference(), b.loanCny(), b.pledgedOn()));
	}

	@PostMapping("/api/v1/inclusive/tickets/pledges/{id}/release")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "releaseCarbonTicketPledge", summary = "Release a pledge · 碳票解押", description = "409 when already released · 已解押时返回 409")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CarbonTicketReleaseBody.class), examples = @ExampleObject(name = "release · 解押", value = "{\"released_on\": \"2026-11-20\"}")))
	TicketRegistry.Pledge release(@Parameter(description = "The pledge's id · 质押编号", example = "1") @PathVariable long id, @RequestBody CarbonTicketReleaseBody body) {
		return tickets.release(id, body == null ? null : body.releasedOn());
	}

	@GetMapping("/api/v1/inclusive/tickets/pledges")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listCarbonTicketPledges", summary = "Pledges, newest first · 碳票质押列表")
	List<TicketRegistry.Pledge> pledges(@Parameter(description = "At most this many, 1–500 · 条数上限") @RequestParam(defaultValue = "100") int limit) {
		return tickets.pledges(page(limit));
	}

	@PostMapping("/api/v1/inclusive/tickets/retirements")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "retireCarbonTickets", summary = "Retire tickets for a named beneficiary and purpose · 碳票注销（抵消）", description = """
			Retired for good (one ledger transaction to the retired account): a retired ticket is never retired or moved again (409), a pledged
			one must be released first (409). The public verification page shows for whom.
			永久注销（一笔账本交易转入注销账户）：已注销的碳票不能再次注销或转让（409），质押中的须先解押（409）。公开核验页显示受益方。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CarbonTicketRetirementBody.class), examples = @ExampleObject(name = "retirement · 注销",
					value = "{\"serials\": [\"LSCT-511129-2025P1-0000001-Q\"], \"beneficiary\": \"2027 乐山大佛国际旅游节\", \"purpose\": \"零碳活动碳中和\", \"reference\": \"event:12\"}")))
	TicketRegistry.TicketRetirement retire(@RequestBody CarbonTicketRetirementBody body) {
		CarbonTicketRetirementBody b = required(body);
		return tickets.retire(new TicketRegistry.Selection(b.lotId(), b.quantity(), b.serials()), b.beneficiary(), b.purpose(), b.reference());
	}

	@PostMapping(path = "/api/v1/inclusive/tickets/trades/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "uploadCarbonTicketTradeDocument", summary = "Attach a document to a trade (contract, pledge contract, notice) · 上传交易材料",
			description = "PDF, PNG or JPEG, at most 10 MiB · PDF、PNG 或 JPEG，不超过 10 MiB")
	TicketRegistry.StoredDocument uploadTradeDocument(@Parameter(description = "The trade's id · 交易编号", example = "1") @PathVariable long id,
			@Parameter(description = "What it is · 材料类型") @RequestParam(required = false) DocumentKind kind,
			@Parameter(description = "The document · 文件") @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
		return tickets.attach(null, id, kind, file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes());
	}

	// ---------------------------------------------------------------- bodies

	@Schema(name = "ForestryCommentBody", description = "A comment on a step · 步骤说明")
	record ForestryCommentBody(@Size(max = 1000) @Schema(description = "Comment, at most 1000 characters · 说明") String comment) {
	}

	@Schema(name = "ForestryVerificationBody", description = "The third-party verification · 第三方核证结果")
	record ForestryVerificationBody(
			@JsonProperty("verifier_name") @NotNull @Size(max = TicketRegistry.MAX_NAME) @Schema(description = "Verifier · 核证机构") String verifierName,
			@JsonProperty("verification_reference") @NotNull @Size(max = TicketRegistry.MAX_REFERENCE) @Schema(description = "The report's reference · 核证报告编号") String reference,
			@JsonProperty("verified_on") @NotNull @Schema(description = "Verified on, after the monitoring period, not after today · 核证日期") LocalDate verifiedOn,
			@JsonProperty("verified_increment_t") @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(ForestryProjects.MAX_INCREMENT_T)
			@Schema(description = "Verified increment, tCO2, above 0, at most the claimed one, 6 decimals · 核证增量，吨二氧化碳") BigDecimal verifiedIncrementT) {
	}

	@Schema(name = "ForestryApprovalBody", description = "The forestry bureau's approval · 林业主管部门审批")
	record ForestryApprovalBody(
			@JsonProperty("approved_by") @NotNull @Size(max = TicketRegistry.MAX_NAME) @Schema(description = "Approving office · 审批机关") String approvedBy,
			@JsonProperty("approval_reference") @NotNull @Size(max = TicketRegistry.MAX_REFERENCE) @Schema(description = "Approval reference (文号) · 审批文号") String reference,
			@JsonProperty("approved_on") @NotNull @Schema(description = "Approved on, not before the verification nor after today · 审批日期") LocalDate approvedOn) {
	}

	@Schema(name = "ForestryRejectionBody", description = "Why a project is rejected · 驳回理由")
	record ForestryRejectionBody(@NotNull @Size(max = 1000) @Schema(description = "Reason, at most 1000 characters · 理由") String reason) {
	}

	@Schema(name = "CarbonTicketTransferBody", description = "A transfer: which tickets, to whom, at what price · 碳票转让")
	record CarbonTicketTransferBody(
			@JsonProperty("lot_id") @Schema(description = "Take the first quantity tickets of this lot (or give serials) · 批次编号") Long lotId,
			@Min(1) @Max(1_000_000_000L) @Schema(description = "Tickets to take from the lot · 张数") Long quantity,
			@Size(max = TicketRegistry.MAX_SERIALS) @Schema(description = "Or: the serials, one holder's · 或列出碳票编号") List<String> serials,
			@JsonProperty("to_holder_name") @NotNull @Size(max = TicketRegistry.MAX_NAME) @Schema(description = "The buyer (created on first use) · 受让方") String toHolderName,
			@JsonProperty("to_holder_kind") @Schema(description = "The buyer's kind when new · 受让方类型") HolderKind toHolderKind,
			@JsonProperty("price_cny_per_t") @NotNull @DecimalMin("0") @DecimalMax(TicketRegistry.MAX_PRICE) @Schema(description = "Price, CNY per tCO2, 2 decimals · 成交价，元/吨") BigDecimal priceCnyPerT,
			@JsonProperty("traded_on") @NotNull @Schema(description = "Date of the trade, not after today · 交易日期") LocalDate tradedOn,
			@Size(max = TicketRegistry.MAX_PURPOSE) @Schema(description = "Memo · 备注") String memo) {
	}

	@Schema(name = "CarbonTicketPledgeBody", description = "A pledge: which tickets, to which bank, for which loan · 碳票质押")
	record CarbonTicketPledgeBody(
			@JsonProperty("lot_id") @Schema(description = "Take the first quantity tickets of this lot · 批次编号") Long lotId,
			@Min(1) @Max(1_000_000_000L) @Schema(description = "Tickets to take from the lot · 张数") Long quantity,
			@Size(max = TicketRegistry.MAX_SERIALS) @Schema(description = "Or: the serials · 或列出碳票编号") List<String> serials,
			@JsonProperty("pledgee_bank") @NotNull @Size(max = TicketRegistry.MAX_NAME) @Schema(description = "The bank · 质权银行") String pledgeeBank,
			@JsonProperty("loan_reference") @NotNull @Size(max = TicketRegistry.MAX_REFERENCE) @Schema(description = "The loan contract · 贷款合同编号") String loanReference,
			@JsonProperty("loan_cny") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1e12") @Schema(description = "Loan, CNY · 贷款金额，元") BigDecimal loanCny,
			@JsonProperty("pledged_on") @NotNull @Schema(description = "Pledged on, not after today · 质押日期") LocalDate pledgedOn) {
	}

	@Schema(name = "CarbonTicketReleaseBody", description = "When a pledge is released · 解押日期")
	record CarbonTicketReleaseBody(@JsonProperty("released_on") @NotNull @Schema(description = "Released on, not before the pledge nor after today · 解押日期") LocalDate releasedOn) {
	}

	@Schema(name = "CarbonTicketRetirementBody", description = "A retirement: which tickets, for whom and why · 碳票注销")
	record CarbonTicketRetirementBody(
			@JsonProperty("lot_id") @Schema(description = "Take the first quantity tickets of this lot · 批次编号") Long lotId,
			@Min(1) @Max(1_000_000_000L) @Schema(description = "Tickets to take from the lot · 张数") Long quantity,
			@Size(max = TicketRegistry.MAX_SERIALS) @Schema(description = "Or: the serials, one holder's · 或列出碳票编号") List<String> serials,
			@NotNull @Size(max = TicketRegistry.MAX_NAME) @Schema(description = "For whom · 受益方") String beneficiary,
			@NotNull @Size(max = TicketRegistry.MAX_PURPOSE) @Schema(description = "Purpose · 用途") String purpose,
			@Size(max = TicketRegistry.MAX_REFERENCE) @Schema(description = "What asked for it, e.g. event:12 · 关联业务") String reference) {
	}

	private static <T> T required(T body) {
		if (body == null) {
			throw new InvalidInputException("body", "is required");
		}
		return body;
	}

	static int page(int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new InvalidInputException("limit", "must lie between 1 and " + MAX_PAGE);
		}
		return limit;
	}

	static int offset(int offset) {
		if (offset < 0 || offset > 1_000_000) {
			throw new InvalidInputException("offset", "must lie between 0 and 1000000");
		}
		return offset;
	}
}
