let x: Scalar
#expect(exp(x)*1e-20 == exp(x)*2e-20)
