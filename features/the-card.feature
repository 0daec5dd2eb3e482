Feature: A photo one person uploaded reaches another, as the card says
  The sentence this suite was designed around, written as a product owner speaks, runs word for
  word: people may be "user A" and "user B", then just "A" and "B"; "it" is the photo just
  named; "again" repeats what was just done.

  Background:
    Given user B has joined user A's family

  Scenario: B asks for the photo A uploaded
    Given user A uploaded a photo
    When user B asks for it
    Then B receives 1 photo

  Scenario: Asking again brings another photo
    Given user A uploaded 2 photos
    When B asks for a photo
    And B asks for a photo again
    Then B receives 2 photos
    And B never received the same photo twice in a row
