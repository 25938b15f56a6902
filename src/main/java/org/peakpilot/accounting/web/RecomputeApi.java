package org.peakpilot.accounting.web;

import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.accounting.internal.Restatements;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Recomputing a whole year's stored results over REST, for the city administrator. */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "reports")
class RecomputeApi {

	private final Restatements restatements;

	RecomputeApi(Restatements restatements) {
		this.restatements = restatements;
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "RecomputeOptions")
	record Recompute(@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED,
			example = "2024 grid factor restated by the province", description = "Why the year is recomputed (audited) · 重算原因（记入审计）") String reason) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "RecomputeOutcome", description = "How many reports were recomputed · 重算结果")
	record Recomputed(
			@io.swagger.v3.oas.annotations.media.Schema(example = "2024", description = "The accounting year recomputed · 重算的核算年度") int year,
			@io.swagger.v3.oas.annotations.media.Schema(example = "128", description = "Number of reports recomputed (all statuses) · 重算的报告数") int reports) {
	}

	@ApiRoles({ Role.CITY_ADMIN })
	@PostMapping("/years/{year}/recompute")
	@Operation(operationId = "recomputeYear", summary = "Recompute every report of a year with the factors in force; the old results stay as history · 按现行因子重算某年全部报告，旧结果留作历史",
			description = "The body gives the reason. City administrator only. Answers the number of reports recomputed.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Recompute.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"reason": "2024 grid factor restated by the province"}""")))
	Recomputed recompute(
			@io.swagger.v3.oas.annotations.Parameter(description = "Accounting year to recompute · 重算的核算年度", example = "2024") @PathVariable int year, @RequestBody Recompute body) {
		return new Recomputed(year, restatements.recomputeYear(year, body.reason()));
	}
}
