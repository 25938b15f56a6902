package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.Verdict;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/**
 * What the filing store hands its pages and API: a project with its filing, assessment and history, a row of the
 * list, and the bodies of the workflow's steps. JSON in snake_case (ADR 0015).
 */
public final class AdmissionRecords {

	/** Longest project name. */
	public static final int NAME_MAX = 200;
	/** Longest comment. */
	public static final int COMMENT_MAX = 2000;
	/** Most conditions of a conditional admission. */
	public static final int CONDITIONS_MAX = 20;
	/** Longest condition. */
	public static final int CONDITION_MAX = 500;
	/** Longest document reference (文号). */
	public static final int DOCUMENT_MAX = 100;

	private AdmissionRecords() {
	}

	/** A filed project as its readers see it. */
	@Schema(name = "AdmissionProject", description = "A filed project with its assessment and review history · 已申报项目（含碳评结果及审查记录）")
	public record Project(
			@JsonProperty("id") @Schema(example = "12", description = "The project's id · 项目编号") long id,
			@JsonProperty("name") @Schema(description = "The project's name · 项目名称") String name,
			@JsonProperty("county_code") @Schema(example = "511111", description = "County (GB/T 2260) · 所在区县代码") String countyCode,
			@JsonProperty("park_code") @Schema(example = "SHAWAN-EDZ", description = "Park code; absent outside a park · 所在园区代码") String parkCode,
			@JsonProperty("industry_code") @Schema(example = "3110", description = "Industry (GB/T 4754) · 行业代码") String industryCode,
			@JsonProperty("enterprise_id") @Schema(description = "The applicant enterprise (registry id); absent when the office filed for a company not yet registered · 申报企业编号") Long enterpriseId,
			@JsonProperty("status") @Schema(description = "Where the project stands in the workflow · 项目状态") ProjectStatus status,
			@JsonProperty("verdict") @Schema(description = "The assessment's verdict · 碳评结论") Verdict verdict,
			@JsonProperty("rules_version") @Schema(example = "2026.1", description = "The version of the rules that made the assessment · 评价规则版本") String rulesVersion,
			@JsonProperty("annual_co2_t") @Schema(description = "Annual CO2 of the assessment, tCO2 (location-based) · 年二氧化碳排放量（吨）") Tco2 annualCo2T,
			@JsonProperty("annual_tce") @Schema(description = "Annual energy of the assessment, tce · 年综合能耗（吨标准煤）") Tce annualTce,
			@JsonProperty("commissioning_year") @Schema(example = "2028", description = "First year of operation, from which the emissions are reserved · 投产年份") Integer commissioningYear,
			@JsonProperty("filing") @Schema(description = "The filing as the applicant sent it · 申报内容") ProjectInput filing,
			@JsonProperty("assessment") @Schema(description = "The assessment, computed on filing, change and submission, again when a reviewer asks, frozen at the decision · 碳评结果（决定后不再改变）") Assessment assessment,
			@JsonProperty("assessed_at") @Schema(description = "When the assessment was computed · 碳评计算时间") Instant assessedAt,
			@JsonProperty("filed_by") @Schema(description = "User name of who filed it · 申报人") String filedBy,
			@JsonProperty("filed_at") @Schema(description = "When it was filed · 申报时间") Instant filedAt,
			@JsonProperty("submitted_at") @Schema(description = "When it was last submitted · 最近提交时间") Instant submittedAt,
			@JsonProperty("decision") @Schema(description = "The city's decision: ADMITTED, REJECTED or ROUTED_UP · 市级决定") String decision,
			@JsonProperty("decided_at") @Schema(description = "When the city decided · 决定时间") Instant decidedAt,
			@JsonProperty("decided_by") @Schema(description = "User name of who recorded the decision · 决定录入人") String decidedBy,
			@JsonProperty("conditions") @Schema(description = "The conditions of a conditional admission · 准入条件") List<String> conditions,
			@JsonProperty("higher_outcome") @Schema(description = "The province's or NDRC's outcome of a routed-up project: ADMITTED or REJECTED · 上级审查结果") String higherOutcome,
			@JsonProperty("higher_document") @Schema(description = "The higher authority's document reference (文号) · 上级文号") String higherDocument,
			@JsonProperty("reservation_ref") @Schema(example = "admission:12", description = "The carbon budget's reservation of an admitted project · 碳预算预留编号") String reservationRef,
			@JsonProperty("reserved_co2_t") @Schema(description = "tCO2 a year reserved in the county's budget from the commissioning year (the increment of a revamp) · 碳预算年预留量（吨二氧化碳）") Tco2 reservedCo2T,
			@JsonProperty("reservation_released_at") @Schema(description = "When the reservation was released (lapse) · 预留释放时间") Instant reservationReleasedAt,
			@JsonProperty("construction_started_on") @Schema(description = "Construction start · 开工日期") LocalDate constructionStartedOn,
			@JsonProperty("commissioned_on") @Schema(description = "Commissioning · 投产日期") LocalDate commissionedOn,
			@JsonProperty("operating_enterprise_id") @Schema(description = "The registry enterprise that reports the project's emissions after commissioning · 投产后报送排放的企业编号") Long operatingEnterpriseId,
			@JsonProperty("lapsed_at") @Schema(description = "When the admission lapsed for want of construction start · 失效时间") Instant lapsedAt,
			@JsonProperty("re_review") @Schema(description = "The re-review flag: actual emissions of a year against the approval; absent unless flagged · 复核标记") ReReview reReview,
			@JsonProperty("steps") @Schema(description = "Every step taken, oldest first · 办理记录") List<Step> steps,
			@JsonProperty("comments") @Schema(description = "Comments outside the steps, oldest first · 意见") List<Remark> comments) {
	}

	/** A row of the project list. */
	@Schema(name = "AdmissionProjectListing", description = "A filed project in the list · 项目列表行")
	public record Listing(
			@JsonProperty("id") @Schema(example = "12", description = "The project's id · 项目编号") long id,
			@JsonProperty("name") @Schema(description = "The project's name · 项目名称") String name,
			@JsonProperty("county_code") @Schema(example = "511111", description = "County (GB/T 2260) · 所在区县代码") String countyCode,
			@JsonProperty("park_code") @Schema(description = "Park code; absent outside a park · 所在园区代码") String parkCode,
			@JsonProperty("industry_code") @Schema(example = "3110", description = "Industry (GB/T 4754) · 行业代码") String industryCode,
			@JsonProperty("enterprise_id") @Schema(description = "The applicant enterprise (registry id) · 申报企业编号") Long enterpriseId,
			@JsonProperty("status") @Schema(description = "Where the project stands · 项目状态") ProjectStatus status,
			@JsonProperty("verdict") @Schema(description = "The assessment's verdict · 碳评结论") Verdict verdict,
			@JsonProperty("rules_version") @Schema(description = "The rules version of the assessment · 评价规则版本") String rulesVersion,
			@JsonProperty("annual_co2_t") @Schema(description = "Annual CO2, tCO2 · 年二氧化碳排放量（吨）") Tco2 annualCo2T,
			@JsonProperty("commissioning_year") @Schema(description = "First year of operation · 投产年份") Integer commissioningYear,
			@JsonProperty("filed_at") @Schema(description = "When it was filed · 申报时间") Instant filedAt,
			@JsonProperty("decided_at") @Schema(description = "When the city decided · 决定时间") Instant decidedAt) {
	}

	/** One step of the workflow. */
	@Schema(name = "AdmissionProjectStep", description = "A step taken on a project · 项目办理步骤")
	public record Step(
			@JsonProperty("action") @Schema(example = "FORWARDED", description = "What was done (FILED, UPDATED, SUBMITTED, REASSESSED, FORWARDED, RETURNED, "
					+ "ADMITTED, REJECTED, ROUTED_UP, HIGHER_ADMITTED, HIGHER_REJECTED, CONSTRUCTION_STARTED, COMMISSIONED, LAPSED, RE_REVIEW_FLAGGED) · 操作") String action,
			@JsonProperty("from_status") @Schema(description = "Status before · 原状态") ProjectStatus fromStatus,
			@JsonProperty("to_status") @Schema(description = "Status after · 新状态") ProjectStatus toStatus,
			@JsonProperty("actor") @Schema(description = "User name, or a system job · 操作人") String actor,
			@JsonProperty("role") @Schema(description = "The role it was taken in · 操作角色") String role,
			@JsonProperty("comment") @Schema(description = "The comment given with it · 意见") String comment,
			@JsonProperty("taken_at") @Schema(description = "When · 时间") Instant takenAt) {
	}

	/** A comment on a project. */
	@Schema(name = "AdmissionProjectRemark", description = "A comment on a project · 项目意见")
	public record Remark(
			@JsonProperty("actor") @Schema(description = "User name · 填写人") String actor,
			@JsonProperty("role") @Schema(description = "The writer's role · 角色") String role,
			@JsonProperty("text") @Schema(description = "The comment · 内容") String text,
			@JsonProperty("written_at") @Schema(description = "When · 时间") Instant writtenAt) {
	}

	/** The re-review flag of a commissioned project (Order 31 Art. 26). */
	@Schema(name = "AdmissionReReview", description = "Actual emissions against the approval · 实际排放与批复对比（复核）")
	public record ReReview(
			@JsonProperty("year") @Schema(example = "2029", description = "The year compared · 年度") int year,
			@JsonProperty("actual_co2_t") @Schema(description = "The operating enterprise's verified emissions of the year, tCO2 · 当年经核查的实际排放（吨二氧化碳）") Tco2 actualCo2T,
			@JsonProperty("approved_co2_t") @Schema(description = "The approved annual CO2, tCO2 · 批复年排放量（吨二氧化碳）") Tco2 approvedCo2T,
			@JsonProperty("deviation") @Schema(example = "0.125", description = "(actual − approved) ÷ approved, a fraction of 1 · 偏差（比例）") BigDecimal deviation,
			@JsonProperty("flagged_at") @Schema(description = "When it was flagged · 标记时间") Instant flaggedAt) {
	}

	/** Filters of the project list; every one optional. */
	public record Query(ProjectStatus status, String countyCode, String parkCode, String industryCode, Verdict verdict,
			Long enterpriseId, Integer limit, Integer offset) {
		public static final Query ALL = new Query(null, null, null, null, null, null, null, null);
	}

	/** A comment alone: submission, re-assessment, a comment on the project. */
	@Schema(name = "AdmissionCommentBody", description = "A comment · 意见")
	public record CommentBody(
			@JsonProperty("comment") @Schema(maxLength = COMMENT_MAX, description = "The comment, at most 2000 characters · 意见（不超过 2000 字）") String comment) {
	}

	/** The county's review. */
	public enum CountyAction {
		FORWARD, RETURN
	}

	@Schema(name = "AdmissionCountyReviewBody", description = "The county's review: forward to the city or return to the applicant · 区县审查意见")
	public record CountyReview(
			@JsonProperty("action") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "FORWARD to the city, or RETURN to the applicant · 转报市级或退回申报人") CountyAction action,
			@JsonProperty("comment") @Schema(maxLength = COMMENT_MAX, description = "The county's comment, required to return · 区县意见（退回时必填）") String comment) {
	}

	/** The city office's decision. */
	public enum CityAction {
		ADMIT, REJECT, ROUTE_UP
	}

	@Schema(name = "AdmissionCityDecisionBody", description = "The city office's decision · 市级决定")
	public record CityDecision(
			@JsonProperty("action") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "ADMIT (PASS or CONDITIONAL verdicts only), REJECT, or ROUTE_UP to the province or NDRC (ROUTE_UP verdicts only) · 准入、不予准入或报上级") CityAction action,
			@JsonProperty("comment") @Schema(maxLength = COMMENT_MAX, description = "The office's comment, required to reject · 市级意见（不予准入时必填）") String comment,
			@JsonProperty("conditions") @Schema(maxLength = CONDITION_MAX, description = "The conditions of admission, required for a CONDITIONAL verdict, at most 20 of at most 500 characters · 准入条件（有条件通过时必填）") List<String> conditions) {
	}

	/** The higher authority's outcome of a routed-up project. */
	public enum HigherAction {
		ADMITTED, REJECTED
	}

	@Schema(name = "AdmissionProvinceOutcomeBody", description = "The province's or NDRC's outcome of a routed-up project · 上级审查结果")
	public record HigherOutcome(
			@JsonProperty("outcome") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "ADMITTED or REJECTED by the higher authority · 上级准入或不予准入") HigherAction outcome,
			@JsonProperty("document_ref") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = DOCUMENT_MAX, description = "The higher authority's document reference (文号), at most 100 characters · 上级文号") String documentRef,
			@JsonProperty("comment") @Schema(maxLength = COMMENT_MAX, description = "The office's comment · 意见") String comment) {
	}

	@Schema(name = "AdmissionConstructionStartBody", description = "The construction start of an admitted project · 开工")
	public record ConstructionStart(
			@JsonProperty("started_on") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Construction start, not after today (Beijing) · 开工日期（不晚于今日）") LocalDate startedOn,
			@JsonProperty("comment") @Schema(maxLength = COMMENT_MAX, description = "A comment · 意见") String comment) {
	}

	@Schema(name = "AdmissionCommissioningBody", description = "The commissioning of a project under construction · 投产")
	public record Commissioning(
			@JsonProperty("enterprise_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The registry enterprise that will report the project's emissions · 报送排放的企业编号") Long enterpriseId,
			@JsonProperty("commissioned_on") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Commissioning, not before construction start nor after today (Beijing) · 投产日期") LocalDate commissionedOn,
			@JsonProperty("comment") @Schema(maxLength = COMMENT_MAX, description = "A comment · 意见") String comment) {
	}
}
