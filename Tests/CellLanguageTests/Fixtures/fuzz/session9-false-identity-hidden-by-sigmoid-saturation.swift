let x: Scalar
#expect(sigmoid(1000+x^2) == 1)
