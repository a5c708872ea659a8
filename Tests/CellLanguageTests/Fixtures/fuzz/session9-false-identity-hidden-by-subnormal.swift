let x: Scalar
#expect(exp(x)*1e-320 == 0)
