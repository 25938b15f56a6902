package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.admission.AdmittedProject;
import org.peakpilot.admission.ProjectAdmission;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admitted projects into the key-project library (issue 13: "admitted projects appear in the key-project library when
 * the office marks them so"): the office (city roles) marks an admitted project of the admission module as a key
 * project, once; the new project takes the admitted project's name, county, owner enterprise, investment and years,
 * and the office adds the domain and, where it has them, the expected savings. The admitted project's own figures
 * (its annual CO2 and tce) are emissions, not savings, and are not copied as savings.
 */
@Component
public class KeyProjectAdmissions {

	private final ProjectAdmission admission;
	private final KeyProjects projects;

	KeyProjectAdmissions(ProjectAdmission admission, KeyProjects projects) {
		this.admission = admission;
		this.projects = projects;
	}

	/** What the office adds when it marks an admitted project. */
	@Schema(name = "KeyProjectFromAdmission", description = "What the office adds to an admitted project it marks as a key project · 将准入项目列为重点项目时补充的信息")
	public record Mark(
			@JsonProperty("domain_no") @Schema(description = "The plan's domain, 1–10 · 领域编号", example = "2", requiredMode = Schema.RequiredMode.REQUIRED) Integer domainNo,
			@Schema(description = "The stage; empty: RESERVE · 阶段（默认储备）", example = "UNDER_CONSTRUCTION") KeyProjectStage stage,
			@JsonProperty("owner_name") @Schema(description = "The owner's name when the admitted project has no enterprise, at most 200 characters · 业主名称（无登记企业时）", example = "乐山示例新材料有限公司（筹）", maxLength = KeyProjects.MAX_NAME) String ownerName,
			@JsonProperty("investment_10k_cny") @Schema(description = "Total investment, 10k CNY (万元), when the filing did not state it · 总投资（万元，申报未填时）", example = "50000") BigDecimal investment10kCny,
			@JsonProperty("expected_tce") @Schema(description = "Expected annual energy saving, tce a year · 预计年节能量（吨标准煤）", example = "1200") BigDecimal expectedTce,
			@JsonProperty("expected_co2_t") @Schema(description = "Expected annual CO2 reduction, tCO2 a year · 预计年减排二氧化碳（吨）", example = "3100") BigDecimal expectedCo2T,
			@JsonProperty("estimate_method") @Schema(description = "How the expected savings were estimated, at most 500 characters · 测算方法", example = "节能审查报告", maxLength = KeyProjects.MAX_TEXT) String estimateMethod) {
	}

	/** The admitted projects the office may see that are not yet in the library, newest decision first. */
	@Transactional(readOnly = true)
	public List<AdmittedProject> notYetInLibrary() {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		Set<Long> taken = projects.admissionIds();
		return admission.admittedProjects().stream().filter(a -> !taken.contains(a.id())).toList();
	}

	/** Marks an admitted project as a key project (city roles); 404 when it is not an admitted project, 409 when already in. */
	@Transactional
	public KeyProjects.Project mark(long admissionId, Mark mark) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		AdmittedProject a = admission.admittedProject(admissionId).orElseThrow(() -> new NotFoundException("admitted project " + admissionId));
		if (projects.admissionIds().contains(admissionId)) {
			throw new RuleViolationException("admitted project " + admissionId + " is already in the key-project library", true);
		}
		Mark m = mark == null ? new Mark(null, null, null, null, null, null, null) : mark;
		Integer start = a.constructionStartYear() != null ? a.constructionStartYear() : a.commissioningYear();
		Integer end = a.commissioningYear() != null ? a.commissioningYear() : a.constructionStartYear();
		BigDecimal investment = a.investment10kCny() != null ? a.investment10kCny().value() : m.investment10kCny();
		String owner = a.enterpriseId() != null ? null : m.ownerName();
		KeyProjects.Input in = new KeyProjects.Input(m.domainNo(), a.countyCode(), a.enterpriseId(), owner, a.name(), investment, null, start, end,
				m.stage() == null ? KeyProjectStage.RESERVE : m.stage(), m.expectedTce(), m.expectedCo2T(), m.estimateMethod());
		return projects.create(in, admissionId, "准入项目列为重点项目 · marked from admitted project " + admissionId);
	}
}
