package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.plan.PlanModel;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The key-project library's dashboard figures, in the caller's scope: count and investment against the plan's 352
 * projects and 2,943.30 亿元 (plan folder), by domain and by county, the stage mix, and the late and under-delivering
 * projects.
 */
@Component
public class KeyProjectSummary {

	private final KeyProjects projects;
	private final KeyProjectSettings settings;
	private final Registry registry;

	KeyProjectSummary(KeyProjects projects, KeyProjectSettings settings, Registry registry) {
		this.projects = projects;
		this.settings = settings;
		this.registry = registry;
	}

	/** Count and investment of a group. */
	@Schema(name = "KeyProjectGroup", description = "Count and investment of a group of key projects · 分组项目数与投资")
	public record Group(
			@Schema(description = "The group's key: domain number, county code or stage · 分组代码") String key,
			@Schema(description = "The group's name, Chinese · 名称（中文）") String name,
			@JsonProperty("name_en") @Schema(description = "The group's name, English · 名称（英文）") String nameEn,
			@Schema(description = "Number of projects · 项目数") int count,
			@JsonProperty("investment_10k_cny") @Schema(description = "Total investment, 10k CNY (万元) · 总投资（万元）") BigDecimal investment10kCny,
			@JsonProperty("investment_completed_10k_cny") @Schema(description = "Investment completed, 10k CNY (万元) · 已完成投资（万元）") BigDecimal investmentCompleted10kCny) {
	}

	/** The dashboard. */
	@Schema(name = "KeyProjectDashboard", description = "The key-project library against the plan · 重点项目库总览")
	public record Dashboard(
			@Schema(description = "Projects in the library (caller's scope) · 项目数") int count,
			@JsonProperty("planned_count") @Schema(description = "The plan's number of key projects (plan 四: 352) · 规划项目数") int plannedCount,
			@JsonProperty("investment_10k_cny") @Schema(description = "Total investment, 10k CNY (万元) · 总投资（万元）") BigDecimal investment10kCny,
			@JsonProperty("planned_investment_10k_cny") @Schema(description = "The plan's total investment, 10k CNY (万元; plan 四: 2,943.30 亿元 = 29,433,000 万元) · 规划总投资（万元）") BigDecimal plannedInvestment10kCny,
			@JsonProperty("investment_completed_10k_cny") @Schema(description = "Investment completed, 10k CNY (万元) · 已完成投资（万元）") BigDecimal investmentCompleted10kCny,
			@JsonProperty("count_share") @Schema(description = "count ÷ planned_count, fraction of 1; null without a plan figure · 项目数占规划比例") BigDecimal countShare,
			@JsonProperty("investment_share") @Schema(description = "investment ÷ planned investment, fraction of 1; null without a plan figure · 投资占规划比例") BigDecimal investmentShare,
			@JsonProperty("expected_tce") @Schema(description = "Σ expected annual energy saving, tce a year · 预计年节能量合计（吨标准煤）") BigDecimal expectedTce,
			@JsonProperty("expected_co2_t") @Schema(description = "Σ expected annual CO2 reduction, tCO2 a year · 预计年减排合计（吨二氧化碳）") BigDecimal expectedCo2T,
			@JsonProperty("by_domain") @Schema(description = "By the plan's 10 domains, every domain listed · 按领域") List<Group> byDomain,
			@JsonProperty("by_county") @Schema(description = "By county, every county listed · 按区县") List<Group> byCounty,
			@JsonProperty("by_stage") @Schema(description = "By stage, every stage listed · 按阶段") List<Group> byStage,
			@Schema(description = "Late projects · 滞后项目") List<KeyProjects.Project> late,
			@JsonProperty("under_delivering") @Schema(description = "Under-delivering projects · 节能减碳不达预期项目") List<KeyProjects.Project> underDelivering,
			@JsonProperty("stale_months") @Schema(description = "Late without a progress entry for this many months (plan folder) · 未更新进度判定滞后的月数") int staleMonths,
			@JsonProperty("under_delivering_share") @Schema(description = "Under-delivering below this share of expected, fraction of 1 (plan folder) · 不达预期判定比例") BigDecimal underDeliveringShare) {
	}

	@Transactional(readOnly = true)
	public Dashboard dashboard() {
		List<KeyProjects.Project> all = projects.list(KeyProjects.Query.ALL);
		Map<String, Acc> domains = new LinkedHashMap<>();
		for (PlanModel.ProjectDomain d : projects.domains()) {
			domains.put(String.valueOf(d.no()), new Acc(d.nameZh(), d.nameEn()));
		}
		Map<String, Acc> counties = new LinkedHashMap<>();
		for (RegistryModel.Region c : registry.counties()) {
			counties.put(c.code(), new Acc(c.nameZh(), c.code()));
		}
		Map<String, Acc> stages = new LinkedHashMap<>();
		for (KeyProjectStage s : KeyProjectStage.values()) {
			stages.put(s.name(), new Acc(s.zh(), s.name()));
		}
		Acc total = new Acc(null, null);
		BigDecimal tce = BigDecimal.ZERO;
		BigDecimal co2 = BigDecimal.ZERO;
		List<KeyProjects.Project> late = new ArrayList<>();
		List<KeyProjects.Project> under = new ArrayList<>();
		for (KeyProjects.Project p : all) {
			total.add(p);
			domains.computeIfAbsent(String.valueOf(p.domainNo()), k -> new Acc(p.domainZh(), p.domainEn())).add(p);
			counties.computeIfAbsent(p.countyCode(), k -> new Acc(p.countyName(), p.countyCode())).add(p);
			stages.get(p.stage().name()).add(p);
			tce = p.expectedTce() == null ? tce : tce.add(p.expectedTce());
			co2 = p.expectedCo2T() == null ? co2 : co2.add(p.expectedCo2T());
			if (!p.late().isEmpty()) {
				late.add(p);
			}
			if (p.underDelivering()) {
				under.add(p);
			}
		}
		return new Dashboard(total.count, settings.plannedCount(), KeyProjects.plain(total.investment), settings.plannedInvestment10kCny(),
				KeyProjects.plain(total.completed),
				settings.plannedCount() == 0 ? null : Rounding.stored(BigDecimal.valueOf(total.count).divide(BigDecimal.valueOf(settings.plannedCount()), Rounding.WORKING)),
				settings.plannedInvestment10kCny().signum() == 0 ? null : Rounding.stored(total.investment.divide(settings.plannedInvestment10kCny(), Rounding.WORKING)),
				Rounding.stored(tce), Rounding.stored(co2), groups(domains), groups(counties), groups(stages), late, under,
				settings.staleMonths(), settings.underDeliveringShare());
	}

	private static List<Group> groups(Map<String, Acc> m) {
		return m.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue().name, e.getValue().nameEn, e.getValue().count,
				KeyProjects.plain(e.getValue().investment), KeyProjects.plain(e.getValue().completed))).toList();
	}

	private static final class Acc {
		final String name;
		final String nameEn;
		int count;
		BigDecimal investment = BigDecimal.ZERO;
		BigDecimal completed = BigDecimal.ZERO;

		Acc(String name, String nameEn) {
			this.name = name;
			this.nameEn = nameEn;
		}

		void add(KeyProjects.Project p) {
			count++;
			investment = investment.add(p.investment10kCny());
			completed = completed.add(p.investmentCompleted10kCny());
		}
	}
}
