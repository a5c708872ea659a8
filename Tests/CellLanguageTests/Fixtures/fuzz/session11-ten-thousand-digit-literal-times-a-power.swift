let x: Scalar
#expect(x^6*1e10000 == (6)^6)
