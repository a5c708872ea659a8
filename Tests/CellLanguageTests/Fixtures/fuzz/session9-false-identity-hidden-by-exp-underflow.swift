let x: Scalar
#expect(exp(-1e6*x^2) == 2*exp(-1e6*x^2))
