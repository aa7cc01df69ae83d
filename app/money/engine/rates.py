"""Typed view of one parameter set: percentages as fractions and counts as ints, for fast rules."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from functools import lru_cache

from app.money.engine.errors import ParameterFileError
from app.money.engine.parameters import ParameterSet

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Rates:
    """Every figure the rules use; field names say the unit (`_rate` is a fraction of 1)."""

    valid_from: date
    provisional: bool
    # Minimum wage (WML) and holiday pay.
    wml_hourly: Decimal
    youth_rate_15: Decimal
    youth_rate_16: Decimal
    youth_rate_17: Decimal
    youth_rate_18: Decimal
    youth_rate_19: Decimal
    youth_rate_20: Decimal
    wml_month_36h: Decimal
    holiday_pay_rate: Decimal
    vakantietoeslag_rate: Decimal
    # Bijstand (Participatiewet) net norms per month, excluding vakantietoeslag.
    norm_single: Decimal
    norm_couple: Decimal
    norm_youth_single: Decimal
    bijstand_min_age: int
    youth_norm_max_age: int
    adult_exemptions_min_age: int
    aow_age: int
    kostendelers_base_rate: Decimal
    kostendelers_per_adult_rate: Decimal
    # Vrijlatingen (earnings exemptions) per month.
    general_rate: Decimal
    general_months: int
    general_max: Decimal
    single_parent_rate: Decimal
    single_parent_months: int
    single_parent_child_under_age: int
    single_parent_max: Decimal
    medical_rate: Decimal
    medical_max: Decimal
    wage_subsidy_rate: Decimal
    wage_subsidy_max: Decimal
    volunteer_max_month: Decimal
    # Wajong.
    wajong_rate: Decimal
    wajong_min_age: int
    # Wage tax, yearly amounts.
    box1_upper_1: Decimal
    box1_rate_1: Decimal
    box1_upper_2: Decimal
    box1_rate_2: Decimal
    box1_rate_3: Decimal
    ahk_max: Decimal
    ahk_phase_out_start: Decimal
    ahk_phase_out_rate: Decimal
    ahk_nil_from: Decimal
    ak_knot_1: Decimal
    ak_rate_1: Decimal
    ak_knot_2: Decimal
    ak_base_2: Decimal
    ak_rate_2: Decimal
    ak_knot_3: Decimal
    ak_base_3: Decimal
    ak_rate_3: Decimal
    ak_knot_4: Decimal
    ak_base_4: Decimal
    ak_rate_4: Decimal
    jonggehandicaptenkorting: Decimal
    # Zorgtoeslag, yearly amounts.
    zt_standaardpremie: Decimal
    zt_drempelinkomen: Decimal
    zt_normpremie_single_rate: Decimal
    zt_normpremie_partner_rate: Decimal
    zt_income_rate: Decimal
    zt_income_limit_single: Decimal
    zt_income_limit_partner: Decimal
    zt_min_age: int
    # Huurtoeslag: rents per month, incomes per year.
    ht_max_rent: Decimal
    ht_full_rent_min_age: int
    ht_max_rent_young: Decimal
    ht_kwaliteitskortingsgrens: Decimal
    ht_aftoppingsgrens: Decimal
    ht_band_1_rate: Decimal
    ht_band_2_rate: Decimal
    ht_band_3_rate: Decimal
    ht_basishuur_single: Decimal
    ht_basishuur_multi: Decimal
    ht_income_threshold_single: Decimal
    ht_income_threshold_multi: Decimal
    ht_income_reduction_rate: Decimal
    ht_min_age: int
    # Kindgebonden budget, yearly amounts.
    kgb_per_child: Decimal
    kgb_single_parent_supplement: Decimal
    kgb_income_threshold_single: Decimal
    kgb_reduction_rate: Decimal
    kgb_child_under_age: int
    # Municipal minimum-income scheme (organisation setting).
    scheme_monthly_amount: Decimal
    scheme_income_limit_rate: Decimal
    # Payment practice for the cash-flow forecast.
    salary_day: int
    allowance_day: int
    wage_holiday_pay_month: int
    vakantietoeslag_month: int
    wajong_holiday_pay_month: int
    cashflow_months: int

    def youth_rate(self, age: int) -> Decimal:
        """Share of the adult minimum wage for `age` (1 from 21)."""
        if age >= 21:
            return Decimal(1)
        return getattr(self, f"youth_rate_{max(age, 15)}")


# field -> (parameter path, kind): "amount" as written, "pct" divided by 100, "int" a whole number.
_SPEC: dict[str, tuple[str, str]] = {
    "wml_hourly": ("wml.hourly_21_plus", "amount"),
    **{f"youth_rate_{age}": (f"wml.youth_pct.age_{age}", "pct") for age in range(15, 21)},
    "wml_month_36h": ("wml.reference_month_36h", "amount"),
    "holiday_pay_rate": ("holiday_pay.wage_pct", "pct"),
    "vakantietoeslag_rate": ("holiday_pay.bijstand_vakantietoeslag_pct", "pct"),
    "norm_single": ("bijstand.norm_single", "amount"),
    "norm_couple": ("bijstand.norm_couple", "amount"),
    "norm_youth_single": ("bijstand.norm_youth_single", "amount"),
    "bijstand_min_age": ("bijstand.min_age", "int"),
    "youth_norm_max_age": ("bijstand.youth_norm_max_age", "int"),
    "adult_exemptions_min_age": ("bijstand.adult_exemptions_min_age", "int"),
    "aow_age": ("bijstand.aow_age", "int"),
    "kostendelers_base_rate": ("bijstand.kostendelers_base_pct", "pct"),
    "kostendelers_per_adult_rate": ("bijstand.kostendelers_per_adult_pct", "pct"),
    "general_rate": ("vrijlating.general_pct", "pct"),
    "general_months": ("vrijlating.general_months", "int"),
    "general_max": ("vrijlating.general_max", "amount"),
    "single_parent_rate": ("vrijlating.single_parent_pct", "pct"),
    "single_parent_months": ("vrijlating.single_parent_months", "int"),
    "single_parent_child_under_age": ("vrijlating.single_parent_child_under_age", "int"),
    "single_parent_max": ("vrijlating.single_parent_max", "amount"),
    "medical_rate": ("vrijlating.medical_pct", "pct"),
    "medical_max": ("vrijlating.medical_max", "amount"),
    "wage_subsidy_rate": ("vrijlating.wage_subsidy_pct", "pct"),
    "wage_subsidy_max": ("vrijlating.wage_subsidy_max", "amount"),
    "volunteer_max_month": ("volunteer.max_month", "amount"),
    "wajong_rate": ("wajong.benefit_pct", "pct"),
    "wajong_min_age": ("wajong.min_age", "int"),
    "box1_upper_1": ("tax.box1_bracket_1_upper", "amount"),
    "box1_rate_1": ("tax.box1_bracket_1_pct", "pct"),
    "box1_upper_2": ("tax.box1_bracket_2_upper", "amount"),
    "box1_rate_2": ("tax.box1_bracket_2_pct", "pct"),
    "box1_rate_3": ("tax.box1_bracket_3_pct", "pct"),
    "ahk_max": ("tax.ahk_max", "amount"),
    "ahk_phase_out_start": ("tax.ahk_phase_out_start", "amount"),
    "ahk_phase_out_rate": ("tax.ahk_phase_out_pct", "pct"),
    "ahk_nil_from": ("tax.ahk_nil_from", "amount"),
    "ak_knot_1": ("tax.ak_knot_1", "amount"),
    "ak_rate_1": ("tax.ak_pct_1", "pct"),
    "ak_knot_2": ("tax.ak_knot_2", "amount"),
    "ak_base_2": ("tax.ak_base_2", "amount"),
    "ak_rate_2": ("tax.ak_pct_2", "pct"),
    "ak_knot_3": ("tax.ak_knot_3", "amount"),
    "ak_base_3": ("tax.ak_base_3", "amount"),
    "ak_rate_3": ("tax.ak_pct_3", "pct"),
    "ak_knot_4": ("tax.ak_knot_4", "amount"),
    "ak_base_4": ("tax.ak_base_4", "amount"),
    "ak_rate_4": ("tax.ak_pct_4", "pct"),
    "jonggehandicaptenkorting": ("tax.jonggehandicaptenkorting", "amount"),
    "zt_standaardpremie": ("zorgtoeslag.standaardpremie", "amount"),
    "zt_drempelinkomen": ("zorgtoeslag.drempelinkomen", "amount"),
    "zt_normpremie_single_rate": ("zorgtoeslag.normpremie_single_pct", "pct"),
    "zt_normpremie_partner_rate": ("zorgtoeslag.normpremie_partner_pct", "pct"),
    "zt_income_rate": ("zorgtoeslag.income_pct", "pct"),
    "zt_income_limit_single": ("zorgtoeslag.income_limit_single", "amount"),
    "zt_income_limit_partner": ("zorgtoeslag.income_limit_partner", "amount"),
    "zt_min_age": ("zorgtoeslag.min_age", "int"),
    "ht_max_rent": ("huurtoeslag.max_rent", "amount"),
    "ht_full_rent_min_age": ("huurtoeslag.full_rent_min_age", "int"),
    "ht_max_rent_young": ("huurtoeslag.max_rent_young", "amount"),
    "ht_kwaliteitskortingsgrens": ("huurtoeslag.kwaliteitskortingsgrens", "amount"),
    "ht_aftoppingsgrens": ("huurtoeslag.aftoppingsgrens", "amount"),
    "ht_band_1_rate": ("huurtoeslag.band_1_pct", "pct"),
    "ht_band_2_rate": ("huurtoeslag.band_2_pct", "pct"),
    "ht_band_3_rate": ("huurtoeslag.band_3_pct", "pct"),
    "ht_basishuur_single": ("huurtoeslag.basishuur_single", "amount"),
    "ht_basishuur_multi": ("huurtoeslag.basishuur_multi", "amount"),
    "ht_income_threshold_single": ("huurtoeslag.income_threshold_single", "amount"),
    "ht_income_threshold_multi": ("huurtoeslag.income_threshold_multi", "amount"),
    "ht_income_reduction_rate": ("huurtoeslag.income_reduction_pct", "pct"),
    "ht_min_age": ("huurtoeslag.min_age", "int"),
    "kgb_per_child": ("kindgebonden_budget.per_child", "amount"),
    "kgb_single_parent_supplement": ("kindgebonden_budget.single_parent_supplement", "amount"),
    "kgb_income_threshold_single": ("kindgebonden_budget.income_threshold_single", "amount"),
    "kgb_reduction_rate": ("kindgebonden_budget.reduction_pct", "pct"),
    "kgb_child_under_age": ("kindgebonden_budget.child_under_age", "int"),
    "scheme_monthly_amount": ("municipal_scheme.monthly_amount", "amount"),
    "scheme_income_limit_rate": ("municipal_scheme.income_limit_pct_of_norm", "pct"),
    "salary_day": ("practice.salary_day", "int"),
    "allowance_day": ("practice.allowance_day", "int"),
    "wage_holiday_pay_month": ("practice.wage_holiday_pay_month", "int"),
    "vakantietoeslag_month": ("practice.bijstand_vakantietoeslag_month", "int"),
    "wajong_holiday_pay_month": ("practice.wajong_holiday_pay_month", "int"),
    "cashflow_months": ("practice.cashflow_months", "int"),
}

# Checked against the parameter files by the tests: every path the rules read must exist there.
USED_PATHS = frozenset(path for path, _kind in _SPEC.values())


def _convert(parameters: ParameterSet, path: str, kind: str) -> Decimal | int:
    try:
        value = parameters[path]
    except KeyError as exc:
        raise ParameterFileError(f"{parameters.valid_from}: parameter {path} is missing") from exc
    if kind == "pct":
        return value / HUNDRED
    if kind == "int":
        if value != value.to_integral_value():
            raise ParameterFileError(f"{parameters.valid_from}: {path} must be a whole number")
        return int(value)
    return value


@lru_cache(maxsize=128)
def rates_for(parameters: ParameterSet) -> Rates:
    """Build (once per parameter set) the typed figures; raises ParameterFileError on a gap."""
    values = {name: _convert(parameters, path, kind) for name, (path, kind) in _SPEC.items()}
    missing = {f.name for f in fields(Rates)} - set(values) - {"valid_from", "provisional"}
    if missing:  # pragma: no cover - guards the table above against a forgotten field
        raise ParameterFileError(f"rates without a parameter: {sorted(missing)}")
    return Rates(valid_from=parameters.valid_from, provisional=parameters.provisional, **values)
