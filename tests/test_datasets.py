"""The data sets: the shipped diabetes data, standardization, and the linear-regression MSE."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gdcore as gd
from gdcore.datasets import DIABETES_FEATURES, DIABETES_FILE, load_diabetes
from gdcore.regression import LinearMSE, standardize

ROOT = Path(__file__).resolve().parent.parent
REL = 1e-10


# --------------------------------------------------------------------- the diabetes data


def test_diabetes_is_442_patients_10_raw_features_and_a_target() -> None:
    data = load_diabetes()
    assert data.feature_names == DIABETES_FEATURES == (
        "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"
    )  # fmt: skip
    assert data.X.shape == (442, 10) and data.y.shape == (442,)
    assert data.X.dtype == data.y.dtype == np.float64
    assert np.isfinite(data.X).all() and np.isfinite(data.y).all()
    # raw, not scikit-learn's scaled version: ages in years, sex coded 1 or 2
    age, sex, bmi = data.columns("age", "sex", "bmi").T
    assert (age.min(), age.max()) == (19.0, 79.0)
    assert set(sex.tolist()) == {1.0, 2.0}
    assert (bmi.min(), bmi.max()) == (18.0, 42.2)
    assert (data.y.min(), data.y.max()) == (25.0, 346.0)
    assert np.all(data.y == np.round(data.y))


def test_diabetes_known_values_from_the_source() -> None:
    """Rows of the published table (Efron et al. 2004; scikit-learn's raw file)."""
    data = load_diabetes()
    assert data.X[0].tolist() == [59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87]
    assert data.X[-1].tolist() == [36, 1, 19.6, 71, 250, 133.2, 97, 3, 4.5951, 92]
    assert data.y[[0, 1, -1]].tolist() == [151.0, 75.0, 57.0]
    means = data.X.mean(axis=0)
    np.testing.assert_allclose(means[[0, 2, 3]], [48.5181, 26.3758, 94.6470], atol=1e-4)


def test_each_call_returns_new_arrays() -> None:
    a = load_diabetes()
    a.X[0, 0] = -1.0
    a.y[0] = -1.0
    b = load_diabetes()
    assert b.X[0, 0] == 59.0 and b.y[0] == 151.0


def test_columns_refuses_unknown_names() -> None:
    with pytest.raises(ValueError, match="unknown column 'BMI'"):
        load_diabetes().columns("BMI")
    with pytest.raises(ValueError, match="name at least one column"):
        load_diabetes().columns()


def test_the_file_ships_with_its_source_and_licence() -> None:
    folder = DIABETES_FILE.parent
    with gzip.open(DIABETES_FILE, "rt", encoding="ascii") as handle:
        assert handle.readline().strip() == ",".join((*DIABETES_FEATURES, "y"))
    readme = (folder / "README.md").read_text(encoding="utf-8")
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "Least Angle Regression" in readme and "Efron" in readme
    assert "BSD 3-Clause License" in licence and "scikit-learn developers" in licence
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name in ("data/diabetes.csv.gz", "data/README.md", "data/LICENSE"):
        assert f'"{name}"' in pyproject, f"{name} is not in the wheel's package-data"
    doc = load_diabetes.__doc__ or ""
    assert "Efron" in doc and "BSD 3-Clause" in doc and "scikit-learn" in doc


def test_the_synthetic_sets_still_work() -> None:
    area, price = gd.datasets.house_prices()
    assert area.shape == price.shape == (12,)
    xs, ys = gd.datasets.four_samples()
    assert len(xs) == len(ys) == 4


# --------------------------------------------------------------------- standardize


@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(2, 30), st.integers(1, 4)),
        elements=st.floats(-1e3, 1e3),
    )
)
@settings(max_examples=60, deadline=None)
def test_standardized_columns_have_mean_0_and_std_1(x: np.ndarray) -> None:
    assume(np.all(x.std(axis=0) > 1e-2))
    z, scaling = standardize(x)
    np.testing.assert_allclose(z.mean(axis=0), 0.0, atol=1e-9)
    np.testing.assert_allclose(z.std(axis=0), 1.0, rtol=1e-9)
    np.testing.assert_allclose(scaling.apply(x), z, rtol=0, atol=0)
    np.testing.assert_allclose(z * scaling.scale + scaling.mean, x, atol=1e-9)


def test_unscale_gives_the_same_predictions_on_raw_features() -> None:
    data = load_diabetes()
    z, scaling = standardize(data.X)
    theta_z = LinearMSE(z, data.y).solution()
    theta_raw = scaling.unscale(theta_z)
    np.testing.assert_allclose(theta_raw, LinearMSE(data.X, data.y).solution(), rtol=1e-7)


def test_standardize_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="column 1 of X is constant"):
        standardize([[1.0, 2.0], [3.0, 2.0]])
    with pytest.raises(ValueError, match="finite"):
        standardize([[1.0], [math.nan]])
    with pytest.raises(ValueError, match="2-D"):
        standardize(np.zeros((2, 2, 2)))
    with pytest.raises(TypeError, match="array of numbers"):
        standardize([["a"], ["b"]])


# --------------------------------------------------------------------- LinearMSE


def test_condition_numbers_of_the_diabetes_bowl() -> None:
    """The numbers the lesson quotes: raw ≈ 5·10⁷, standardized ≈ 470 (10 features and the
    intercept)."""
    data = load_diabetes()
    z, _ = standardize(data.X)
    raw = LinearMSE(data.X, data.y).condition_number()
    std = LinearMSE(z, data.y).condition_number()
    assert 5.0e7 < raw < 5.5e7 and round(raw, -5) == 52_400_000
    assert round(std) == 470
    # with standardized features and the intercept, H = 2/n·[ZᵀZ, 0; 0, n]: the intercept
    # decouples, and a single standardized feature gives a perfectly round bowl
    one = LinearMSE(standardize(data.columns("bmi"))[0], data.y)
    assert one.condition_number() == pytest.approx(1.0, rel=1e-12)


def test_hessian_is_2_over_n_ata_and_the_gradient_matches_finite_differences() -> None:
    data = load_diabetes()
    z, _ = standardize(data.columns("bmi", "bp"))
    m = LinearMSE(z, data.y)
    theta = np.array([10.0, -5.0, 100.0])
    np.testing.assert_allclose(m.hessian(), 2 * m.A.T @ m.A / 442, rtol=REL, atol=1e-13)
    np.testing.assert_allclose(m.grad(theta), gd.gradient(m.loss, theta), rtol=1e-6)
    np.testing.assert_allclose(m.full_grad(theta), m.grad(theta, np.arange(442)), rtol=0)
    assert m.max_stable_lr() == pytest.approx(2 / m.eigenvalues()[-1])


@given(st.lists(st.integers(0, 441), min_size=1, max_size=40))
@settings(max_examples=50, deadline=None)
def test_batch_gradient_is_the_mean_of_the_example_gradients(idx: list[int]) -> None:
    data = load_diabetes()
    m = LinearMSE(data.columns("bmi", "s5"), data.y)
    theta = np.array([3.0, 20.0, -100.0])
    each = [2 * (m.A[i] @ theta - m.y[i]) * m.A[i] for i in idx]
    np.testing.assert_allclose(m.grad(theta, np.array(idx)), np.mean(each, axis=0), rtol=1e-9)


def test_the_solution_is_the_bottom_of_the_bowl() -> None:
    data = load_diabetes()
    z, _ = standardize(data.X)
    m = LinearMSE(z, data.y)
    best = m.solution()
    assert np.linalg.norm(m.grad(best)) < 1e-9
    assert m.loss(best) == pytest.approx(2859.696, rel=1e-6)  # R² ≈ 0.518 in the paper
    r2 = 1 - m.loss(best) / float(np.var(data.y))
    assert round(r2, 3) == 0.518


def test_linear_mse_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="one number per row"):
        LinearMSE([[1.0], [2.0]], [1.0])
    with pytest.raises(ValueError, match=r"theta must have shape \(2,\)"):
        LinearMSE([[1.0], [2.0]], [1.0, 2.0]).loss([1.0])
    with pytest.raises(ValueError, match="idx must not be empty"):
        LinearMSE([[1.0], [2.0]], [1.0, 2.0]).grad([1.0, 0.0], np.array([], dtype=int))
    with pytest.raises(ValueError, match=r"row indices in \[0, 2\)"):
        LinearMSE([[1.0], [2.0]], [1.0, 2.0]).grad([1.0, 0.0], np.array([2]))
    with pytest.raises(TypeError, match="intercept must be True or False"):
        LinearMSE([[1.0], [2.0]], [1.0, 2.0], intercept=1)  # type: ignore[arg-type]


def test_diabetes_mse_builds_the_lessons_bowls() -> None:
    from gdcore.regression import diabetes_mse

    assert round(diabetes_mse().condition_number()) == 470
    assert diabetes_mse().n_params == 11
    raw_bmi = diabetes_mse("bmi", standardized=False)
    assert round(raw_bmi.condition_number(), -2) == 26_300
    np.testing.assert_allclose(raw_bmi.solution(), [10.2331, -117.7734], atol=1e-4)
    two = diabetes_mse("bmi", "s5", intercept=False, center_target=True)
    assert two.n_params == 2 and abs(float(two.y.mean())) < 1e-12
    np.testing.assert_allclose(two.solution(), [32.1099, 29.2502], atol=1e-4)
    with pytest.raises(ValueError, match="unknown column"):
        diabetes_mse("weight")
